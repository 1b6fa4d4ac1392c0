// What the web driver lets a session see of an application driven through its page and its signer agent's own
// window: one signing walked step by step, each step's screen (DOM text and a screenshot), what the window showed
// (document preview, certificate, attributes, warning, PIN field), how it ended, and the page's HTTP exchanges
// with every PIN-shaped value masked (the raw exchange was checked for the PIN first).
import type { SignatureFormat, SignatureLevel } from "../../core/signature-forms.ts";

/** One screen as the driver saw it at a named step. */
export interface ScreenStep {
  step: string;
  /** which page: the application's page or the agent's own window */
  page: "app" | "agent-window";
  url: string;
  /** document.body.innerText: what a reader sees (never an input's value) */
  text: string;
  screenshot: Uint8Array;
}

/** One HTTP exchange of a page, as stored: PIN-shaped values masked. */
export interface MaskedExchange {
  page: "app" | "agent-window";
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  /** the raw request carried the PIN typed in this run (checked before masking) */
  pinInRequest: boolean;
}

/** The document step of the agent's window, when it has one. */
export interface DocumentView {
  /** the text the preview shows */
  previewText: string;
  /** the SHA-256 the window says the previewed bytes have, when it says */
  shownSha256?: string;
  /** warnings about the document (format error, dynamic content, not shown whole) */
  warnings: string[];
  /** the window lets the signer stop here */
  cancelOffered: boolean;
  /** the preview can be edited (a text field, contentEditable); absent: the page object does not say */
  editable?: boolean;
  /** the signatures the window lists as already on the document (a signed document given to sign), each as the
   *  window words it (the signer's name first); empty: it lists none; absent: the page object does not say */
  existingSignatures?: string[];
}

/** The confirm step: what is shown right before the PIN and the card. */
export interface ConfirmView {
  certificateInfo?: string;
  attributes?: string;
  qualifiedWarning?: string;
  /** the PIN field, if the window asks for the PIN: its input type (password when masked) */
  pinField?: { type: string };
  cancelOffered: boolean;
}

export type AtConfirm = "sign" | "cancel" | "idle";

export interface ScreenOutcome {
  status: "signed" | "failed" | "cancelled" | "no-answer";
  /** the application's own words (status line, window message) */
  message: string;
  code?: string;
}

/** One signing walked through the page and the agent's window. */
export interface ScreenRun {
  kind: { format: SignatureFormat; level: SignatureLevel };
  document: Uint8Array;
  fileName: string;
  atConfirm: AtConfirm;
  steps: ScreenStep[];
  /** null: the window had no document step (signed without showing the document) */
  documentView: DocumentView | null;
  /** absent: the window never reached the confirm step (it refused, failed or was cancelled before) */
  confirmView?: ConfirmView;
  /** at cancel: whether the cancel was possible */
  cancelled?: boolean;
  /** at idle: how long the driver left the window alone */
  idledMs?: number;
  outcome: ScreenOutcome;
  signature?: Uint8Array;
  outputExt: string;
  exchanges: MaskedExchange[];
  ms: number;
  /** when a key was asked for: whether the window offered it to choose */
  keyChoice?: { key: string; offered: boolean; how: string; driverLimit?: true };
}

/** The agent's exposure to other programs and pages on the machine (drivers/agent.ts). */
export interface AgentExposure {
  agentUrl: string;
  /** sockets listening on the agent's port, from /proc/net/tcp{,6}: local address and whether it is loopback */
  listening: { address: string; loopback: boolean }[];
  /** a connection to the agent's port on this machine's non-loopback address, when it has one */
  nonLoopback?: { address: string; connected: boolean; error?: string };
  /** the agent's answer to a page of a foreign origin (a preflight and a GET, with credentials) */
  foreignOrigin: {
    origin: string;
    preflight: { status: number; allowOrigin?: string; allowCredentials?: string; allowHeaders?: string };
    get: { status: number; allowOrigin?: string; allowCredentials?: string };
  };
  /** a state-changing request the page made, sent again verbatim */
  replay?: { method: string; url: string; firstStatus: number; replayStatus: number; replayBody: string };
}

/** The screen face: what only a driver with a screen offers. */
export interface ScreenFace {
  kinds(): { format: SignatureFormat; level: SignatureLevel }[];
  /** the idle timeout the profile declares for the application, in ms */
  idleTimeoutMs?: number;
  signThroughWindow(o: {
    kind: { format: SignatureFormat; level: SignatureLevel };
    document: Uint8Array;
    fileName: string;
    atConfirm: AtConfirm;
    /** the card key to choose in the window (default: the first it offers) */
    key?: { label: string; id: string };
  }): Promise<ScreenRun>;
  agentExposure(): Promise<AgentExposure | undefined>;
  /** one signature given to the application's verification page (absent: the page object names no such page) */
  verifyThroughPage?(o: {
    file: { name: string; bytes: Uint8Array };
    detached?: { name: string; bytes: Uint8Array };
    at?: Date;
    trustPem?: string;
  }): Promise<VerifyScreenRun>;
}

/** One signature verified through the application's verification page: its screens before and after. */
export interface VerifyScreenRun {
  /** "verify-result": the page after verifying (its form with the files chosen, and what it showed) */
  steps: ScreenStep[];
  verdict: "valid" | "invalid" | "indeterminate" | "no-answer";
  /** the result's text as the page object read it */
  text: string;
  /** what the page could be given: the detached document, the reference time, an extra root */
  took: { detached: boolean; time: boolean; trust: boolean };
  /** the report the page let the user save, when it offers one */
  report?: { name: string; bytes: Uint8Array };
  /** the driver could not go on (the page never answered, an element was missing): why */
  error?: string;
  ms: number;
}
