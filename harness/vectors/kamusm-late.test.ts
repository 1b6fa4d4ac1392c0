// The KAMU SM scenarios added after the first vector set (97, 101, 106, P4_11) and the signing-side QCA list,
// checked with openssl (which shares no code with us): each vector carries exactly the fault its scenario
// names, and its control (the same signature with the missing piece present) differs by that piece alone.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { OID } from "../sign/cades.ts";
import { type Der, children, readNode, readOid, whole } from "../asn1/der.ts";
import { ensureVectors } from "./generate.ts";
import { readManifest, type Manifest, type VectorEntry } from "./manifest.ts";
import { SIGNING_SIDE } from "./signing-side.ts";
import { runManifest } from "./manifest-run.ts";

let dir: string;
let manifest: Manifest;
let scratch: string;
beforeAll(async () => {
  dir = await ensureVectors();
  manifest = readManifest(path.join(dir, "manifest.json"));
  scratch = mkdtempSync(path.join(os.tmpdir(), "uyum-vectors-late-"));
}, 300_000);

const byId = (id: string): VectorEntry => {
  const v = manifest.vectors.find((x) => x.id === id);
  if (!v) throw new Error(`no vector ${id}`);
  return v;
};
const file = (rel: string) => path.join(dir, rel);
let n = 0;
const tmp = (b: Der) => {
  const f = path.join(scratch, `f${n++}.der`);
  writeFileSync(f, b);
  return f;
};
const ossl = (args: string[]) => spawnSync("openssl", args, { encoding: "utf8" });

/** Unsigned attributes (type → values) of a CAdES file's first SignerInfo. */
function unsignedAttrs(v: VectorEntry): Map<string, Der[]> {
  const ci = readNode(new Uint8Array(readFileSync(file(v.file))));
  const sd = children(children(children(ci)[1]!)[0]!);
  const si = children(children(sd.at(-1)!)[0]!);
  const out = new Map<string, Der[]>();
  const unsigned = si.find((x) => x.tag === 0xa1);
  for (const a of unsigned ? children(unsigned) : []) {
    const [t, vals] = children(a);
    out.set(
      readOid(t!),
      children(vals!).map((x) => whole(x)),
    );
  }
  return out;
}
const certValues = (v: VectorEntry) =>
  children(readNode(unsignedAttrs(v).get(OID.certValues)![0]!)).map((c) => whole(c));
/** CRLs in revocation-values ([0] crlVals). */
function crlValues(v: VectorEntry): Der[] {
  const rv = children(readNode(unsignedAttrs(v).get(OID.revocationValues)![0]!));
  const crls = rv.find((x) => x.tag === 0xa0);
  return crls ? children(children(crls)[0]!).map((c) => whole(c)) : [];
}
const crlIssuers = (crls: Der[]) =>
  crls.map((c) =>
    ossl(["crl", "-inform", "DER", "-in", tmp(c), "-noout", "-issuer", "-nameopt", "RFC2253"]).stdout.trim(),
  );
const certSubject = (pemFile: string) =>
  ossl(["x509", "-in", pemFile, "-noout", "-subject", "-nameopt", "RFC2253"])
    .stdout.trim()
    .replace(/^subject=/, "issuer=");
const certDer = (pemFile: string) =>
  new Uint8Array(Buffer.from(readFileSync(pemFile, "utf8").replace(/-----[^-]+-----|\s/g, ""), "base64"));
const has = (list: Der[], b: Der) => list.some((x) => Buffer.compare(x, b) === 0);
/** openssl's view of a time-stamp token: genTime and whether it verifies as CMS against a CA file. */
function token(b: Der, caFile: string, attime: string) {
  const f = tmp(b);
  const text = ossl(["ts", "-reply", "-token_in", "-in", f, "-text"]).stdout;
  const genTime = new Date(/Time stamp: (.+)/.exec(text)![1]!.trim());
  const verify = ossl([
    "cms",
    "-verify",
    "-inform",
    "DER",
    "-in",
    f,
    "-CAfile",
    caFile,
    "-purpose",
    "timestampsign",
    "-attime",
    String(Math.floor(Date.parse(attime) / 1000)),
    "-out",
    "/dev/null",
  ]);
  return { genTime, verifies: verify.status === 0, stderr: verify.stderr };
}

/** The archive time-stamp token of a vector: CAdES ATSv2 attribute, XAdES xades141:ArchiveTimeStamp, PAdES the
 *  last document time-stamp (ETSI.RFC3161) */
function archiveToken(v: VectorEntry): Der {
  if (v.format === "CAdES") return unsignedAttrs(v).get(OID.archiveTimestampV2)![0]!;
  if (v.format === "XAdES") {
    const m = /<xades141:ArchiveTimeStamp[\s\S]*?<xades:EncapsulatedTimeStamp[^>]*>([^<]+)</.exec(
      readFileSync(file(v.file), "utf8"),
    )!;
    return new Uint8Array(Buffer.from(m[1]!, "base64"));
  }
  const pdf = readFileSync(file(v.file));
  const text = pdf.toString("latin1");
  const at = text.lastIndexOf("/SubFilter/ETSI.RFC3161");
  const br = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(text.slice(at))!.slice(1).map(Number);
  const hex = pdf.subarray(br[1]! + 1, br[2]! - 1).toString("latin1");
  const tok = new Uint8Array(Buffer.from(hex, "hex"));
  return tok.subarray(0, readNode(tok).end);
}

describe("KAMU SM 97, 101, 106, P4_11", () => {
  it("97: the signature TSA's CRL (the root's) is absent from revocation-values; the valid archive vector has it", () => {
    const root = file(byId("kamusm-97-cades-a-detached").trustAnchors[0]!);
    const rootIssuer = certSubject(root);
    expect(crlIssuers(crlValues(byId("kamusm-97-cades-a-detached")))).not.toContain(rootIssuer);
    expect(crlIssuers(crlValues(byId("kamusm-84-93-valid-cades-a-attached")))).toContain(rootIssuer);
    expect(byId("kamusm-97-cades-a-detached").expected).toMatchObject({
      indication: "INDETERMINATE",
      subIndication: "TRY_LATER",
    });
  });

  it("101: the archive time-stamp chains to the second TSA root (a listed trust anchor) whose CRL is not embedded; the control embeds it", () => {
    for (const id of ["kamusm-101-cades-a-detached", "cades-a-ats-own-root"]) {
      const v = byId(id);
      expect(v.trustAnchors).toEqual(["pki/certs/root.pem", "pki/certs/tsa-root-2.pem"]);
      const ats = unsignedAttrs(v).get(OID.archiveTimestampV2)![0]!;
      const t = token(ats, file("pki/certs/tsa-root-2.pem"), v.validationTime);
      expect(t.verifies, t.stderr).toBe(true);
      // and it does not chain to the NES root
      const nes = token(ats, file("pki/certs/root.pem"), v.validationTime);
      expect(nes.verifies).toBe(false);
      expect(nes.stderr).toMatch(/unable to get local issuer certificate/); // no chain, not some other failure
      const issuers = crlIssuers(crlValues(v));
      expect(issuers.includes(certSubject(file("pki/certs/tsa-root-2.pem"))), id).toBe(id === "cades-a-ats-own-root");
      // the signature time-stamp's TSA (under the NES root) keeps its CRL in both
      expect(issuers).toContain(certSubject(file("pki/certs/root.pem")));
    }
  });

  it("106: the archive TSA certificate is valid at the archive time-stamp's genTime and expired at the validation time", () => {
    for (const v of manifest.vectors.filter((x) => x.scenario === "106")) {
      expect(v.expected.indication, v.id).toBe("TOTAL-PASSED");
      const tsaPem = file("pki/certs/tsa-ats-expiring.pem");
      const notAfter = new Date(
        ossl(["x509", "-in", tsaPem, "-noout", "-enddate"])
          .stdout.trim()
          .replace(/^notAfter=/, ""),
      );
      expect(notAfter.getTime()).toBeLessThan(Date.parse(v.validationTime));
      const ats = archiveToken(v);
      const t = token(ats, file(v.trustAnchors[0]!), new Date(notAfter.getTime() - 60_000).toISOString());
      expect(t.genTime.getTime(), v.id).toBeLessThan(notAfter.getTime());
      expect(t.verifies, `${v.id}: ${t.stderr}`).toBe(true); // at a time inside the TSA certificate's validity
      // openssl, checking at the validation time, sees the expiry: the scenario is what it claims
      const late = token(ats, file(v.trustAnchors[0]!), v.validationTime);
      expect(late.verifies, v.id).toBe(false);
      expect(late.stderr).toMatch(/expired/i);
    }
    expect(
      manifest.vectors
        .filter((x) => x.scenario === "106")
        .map((x) => x.format)
        .sort(),
    ).toEqual(["CAdES", "PAdES", "XAdES"]);
  });

  it("101 (every format): the archive time-stamp chains to tsa-root-2, not to the NES root", () => {
    const vs = manifest.vectors.filter((x) => x.scenario === "101");
    expect(vs.map((x) => x.format).sort()).toEqual(["CAdES", "PAdES", "XAdES"]);
    for (const v of vs) {
      const ats = archiveToken(v);
      expect(token(ats, file("pki/certs/tsa-root-2.pem"), v.validationTime).verifies, v.id).toBe(true);
      const nes = token(ats, file("pki/certs/root.pem"), v.validationTime);
      expect(nes.verifies, v.id).toBe(false);
      expect(nes.stderr, v.id).toMatch(/unable to get local issuer certificate/); // no chain, not some other failure
    }
  });

  it("the validator fails them for the stated reason (which check), not just with the stated verdict", async () => {
    const { outcomes, servicesProblem } = await runManifest(path.join(dir, "manifest.json"), (v) =>
      ["97", "101", "106", "P4_11", "tsa-own-root"].includes(v.scenario),
    );
    expect(servicesProblem).toBeUndefined();
    expect(outcomes.length).toBe(13);
    for (const o of outcomes) {
      const bad = o.result.checks.filter((c) => c.result !== "passed" && c.result !== "skipped").map((c) => c.id);
      const want: Record<string, string[]> = {
        "97":
          o.vector.format === "PAdES"
            ? ["timestamp-signature", "timestamp-document"]
            : ["timestamp-signature", "timestamp-esc", "timestamp-archive", "profile-timestamp"], // P3 wants a valid signature time-stamp
        "101": [o.vector.format === "PAdES" ? "timestamp-document" : "timestamp-archive"],
        "106": [],
        P4_11: ["values-complete"],
        "tsa-own-root": [],
      };
      expect(bad, `${o.vector.id}: ${bad.join(", ")}`).toEqual(want[o.vector.scenario]);
    }
  }, 120_000);

  it("P4_11: certificate-values lack the TSA's root while the control carries it; the signature time-stamp chains to that root", () => {
    const root2 = certDer(file("pki/certs/tsa-root-2.pem"));
    const nesRoot = certDer(file("pki/certs/root.pem"));
    const bad = byId("kamusm-p4-11-cades-x-l-attached");
    const good = byId("cades-p4-x-l-tsa-own-root");
    expect(has(certValues(bad), root2)).toBe(false);
    expect(has(certValues(bad), nesRoot)).toBe(true);
    expect(has(certValues(good), root2)).toBe(true);
    for (const v of [bad, good]) {
      expect(v.trustAnchors).toContain("pki/certs/tsa-root-2.pem");
      const sts = unsignedAttrs(v).get(OID.signatureTimeStampToken)![0]!;
      const t = token(sts, file("pki/certs/tsa-root-2.pem"), v.validationTime);
      expect(t.verifies, t.stderr).toBe(true);
    }
    const x = readFileSync(file(byId("kamusm-p4-11-xades-x-l-enveloped").file), "utf8");
    const b64 = Buffer.from(root2).toString("base64");
    expect(x).toContain("CertificateValues");
    expect(x.replace(/\s/g, "")).not.toContain(b64);
    expect(bad.expected).toMatchObject({ indication: "INDETERMINATE", subIndication: "SIG_CONSTRAINTS_FAILURE" });
  });
});

describe("signing-side (QCA) list", () => {
  it("maps every QCA id of the table to a PKI certificate whose key matches it", () => {
    const list = manifest.signingSide ?? [];
    expect(list.map((q) => q.kamusm)).toEqual(SIGNING_SIDE.map((d) => d.id));
    for (const q of list) {
      for (const f of [q.certificate, q.chain, q.privateKey]) expect(existsSync(file(f)), f).toBe(true);
      const pubC = ossl(["x509", "-in", file(q.certificate), "-noout", "-pubkey"]).stdout;
      const pubK = ossl(["pkey", "-in", file(q.privateKey), "-pubout"]).stdout;
      expect(pubC.length, q.kamusm).toBeGreaterThan(100);
      expect(pubK, q.kamusm).toBe(pubC);
      if (q.mapping === "inferred") expect(q.note, q.kamusm).toBeTruthy();
    }
    expect(list.filter((q) => q.expected === "sign").map((q) => q.kamusm)).toEqual([
      "QCA1_1",
      "QCA1_2",
      "QCA1_19",
      "QCA12",
    ]);
  });

  it("agrees with the validation vectors made with the same certificate: refuse ↔ the BES vector is not TOTAL-PASSED", () => {
    let compared = 0;
    for (const q of manifest.signingSide ?? []) {
      // KAMU SM's certificate scenarios (and 8, the plain valid signature) at BES / B-B, one signature
      const certTags = ["cert-profile", "cert-validity", "revocation", "chain"];
      const bes = manifest.vectors.filter(
        (v) =>
          v.kamusm &&
          v.pkiLabels[0] === q.pkiLabel &&
          (v.level === "BES" || v.level === "B-B") &&
          v.signatureCount === 1 &&
          (v.scenario === "8" || v.tags.some((t) => certTags.includes(t))),
      );
      for (const v of bes) {
        compared++;
        expect(
          v.expected.indication === "TOTAL-PASSED",
          `${q.kamusm} (${q.expected}) vs ${v.id} (${v.expected.indication})`,
        ).toBe(q.expected === "sign");
      }
    }
    expect(compared).toBeGreaterThan(25);
  });
});
