// Text shown to people: Turkish first (the form's language), English beside it. Every message, reason and
// title that reaches an assessor, a vendor or a report is a Text.
export interface Text {
  tr: string;
  en: string;
}
