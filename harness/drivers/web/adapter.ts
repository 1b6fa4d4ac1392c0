// The page object a web profile names (driver.settings.adapter): the application's own knowledge of its page
// and its agent's window, in the operations the web driver walks through. It reads and clicks; the driver
// decides the order, takes the screenshots, records the exchanges and knows the PIN.
import type { BrowserContext, Page } from "@playwright/test";
import type { SignatureFormat, SignatureLevel } from "../../core/signature-forms.ts";
import type { AppVerdict } from "../face.ts";
import type { ConfirmView, DocumentView, ScreenOutcome } from "./types.ts";

export interface WebKind {
  format: SignatureFormat;
  level: SignatureLevel;
  /** extension of the signature file */
  ext: string;
  /** the application's own name for it, when the page object needs one */
  code?: string;
}

/** What the application printed when started (its URLs and paths), and the browser context. */
export interface AdapterContext {
  urls: Record<string, unknown>;
  context: BrowserContext;
}

export interface WebAdapter {
  kinds: WebKind[];
  /** the PDF the page signs for a PAdES kind (a text document cannot be a PDF signature's content) */
  samplePdf?: Uint8Array;
  /** a GET path of the agent's API, asked from a foreign origin to see its CORS answer */
  agentProbePath?: string;
  /** which of `urls` the application's page is, and its agent's API (for the exposure checks) */
  pageUrl(urls: Record<string, unknown>): string;
  agentUrl?(urls: Record<string, unknown>): string | undefined;
  /** the page: give it the document, choose the kind, type the PIN if the page asks for it, start signing */
  start(
    page: Page,
    doc: { bytes: Uint8Array; fileName: string; mimeType: string },
    kind: WebKind,
    pin: string,
  ): Promise<void>;
  /** open or follow the agent's own window */
  openWindow(c: AdapterContext, page: Page): Promise<Page>;
  /** the window's document step, or null when it shows none (goes straight to the certificate) */
  documentStep(win: Page): Promise<DocumentView | null>;
  /** go on past the document */
  proceed(win: Page): Promise<void>;
  /** choose the certificate: the one of `key` (CKA_LABEL, CKA_ID hex) when given, else the first the window offers;
   *  false when the window offers no way to choose that key (it is not listed, or no list is shown) */
  chooseCertificate(win: Page, key?: { label: string; id: string }): Promise<boolean | void>;
  /** the confirm step, or undefined when the window ended instead (refused, failed) */
  confirmStep(win: Page): Promise<ConfirmView | undefined>;
  /** type the PIN (if asked) and confirm */
  sign(win: Page, pin: string): Promise<void>;
  /** press cancel; false when the window offers none */
  cancel(win: Page): Promise<boolean>;
  /** how it ended, as the page and the window say; the signature file when one was made */
  outcome(c: AdapterContext, page: Page, win: Page): Promise<ScreenOutcome & { signature?: Uint8Array }>;
  /** the application's verification page, when it has one */
  verifyPage?: VerifyPageObject;
}

/** A file as the page object gives it to a file input. */
export interface PageFile {
  name: string;
  bytes: Uint8Array;
}

/** The verification page's operations. */
export interface VerifyPageObject {
  /** offer the page as the verifying face of verify-vectors: every declared vector goes through the browser (about
   *  0.1 vector/s on 2 CPUs: 23 min for the reference profile's 154), so a profile asks for it; `{ upTo: N }`: only
   *  when the campaign needs at most N vectors (an --only selection of a few verifier items), else it says why not */
  asVerifier?: boolean | { upTo: number };
  /** the page takes the time to verify at (its reference-time setting): the vector sessions can tell it */
  takesTime?: boolean;
  /** which of `urls` the verification page is */
  url(urls: Record<string, unknown>): string;
  /** give the page the signature file (and, when given, the signed document of a detached signature, the reference
   *  time and an extra root to trust), verify, and wait for the result; say what the page could take of it */
  verify(
    page: Page,
    o: { file: PageFile; detached?: PageFile; at?: Date; trustPem?: string },
  ): Promise<{ verdict: AppVerdict; text: string; took: { detached: boolean; time: boolean; trust: boolean } }>;
  /** save the shown result as a report file (a download the page offers); undefined when it offers none */
  saveReport?(page: Page): Promise<PageFile | undefined>;
}
