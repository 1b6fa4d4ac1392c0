// The shared OID table checked against an independent name list (OpenSSL's object database) and against the
// test PKI's own table, so a wrong digit shows up as a wrong or missing name.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { OID as PKI_OID } from "../pki/oids.ts";
import { oid, seq } from "./der.ts";
import { ALG, CADES_ATTR, CMS_ATTR, CMS_CONTENT, CMS_OID, QC, TR_POLICY_OID } from "./oids.ts";

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, "");
// Where our name and OpenSSL's differ only in wording.
const OPENSSL_NAME: Record<string, string> = {
  rsaPss: "rsassaPss",
  contentHints: "id-smime-aa-contentHint",
  signatureTimeStampToken: "id-smime-aa-timeStampToken",
  completeCertificateRefs: "id-smime-aa-ets-CertificateRefs",
  completeRevocationRefs: "id-smime-aa-ets-RevocationRefs",
  spuri: "id-smime-spq-ets-sqt-uri",
  spUserNotice: "id-smime-spq-ets-sqt-unotice",
  unotice: "Policy Qualifier User Notice",
};
// Not in OpenSSL 3.0's object database.
const UNKNOWN_TO_OPENSSL = ["archiveTimestampV2", "archiveTimestampV3", "ocspResponseRevInfo", ...Object.keys(QC).filter((k) => k !== "unotice"), ...Object.keys(TR_POLICY_OID)];

describe("asn1/oids.ts", () => {
  const entries = Object.entries({ ...ALG, ...CMS_OID, ...QC, ...TR_POLICY_OID });
  it("every OID has OpenSSL's name for it (or is one OpenSSL does not know)", () => {
    const out = execFileSync("openssl", ["asn1parse", "-inform", "DER"], { input: seq(...entries.map(([, v]) => oid(v))), encoding: "utf8" });
    const theirs = [...out.matchAll(/OBJECT\s+:(.*)$/gm)].map((m) => m[1]!.trim());
    expect(theirs.length).toBe(entries.length);
    const unknown: string[] = [];
    entries.forEach(([name, value], i) => {
      if (theirs[i] === value) unknown.push(name);
      else if (OPENSSL_NAME[name]) expect(theirs[i], name).toBe(OPENSSL_NAME[name]);
      else expect(norm(theirs[i]!), `${name} ${value}`).toContain(norm(name));
    });
    expect(unknown.sort()).toEqual([...UNKNOWN_TO_OPENSSL].sort());
  });
  it("names are unique per OID, CMS_OID is exactly its groups, and the test PKI's table agrees", () => {
    const byValue = new Map<string, string>();
    for (const [k, v] of entries) {
      expect(byValue.get(v), `${k} and ${byValue.get(v)} share ${v}`).toBeUndefined();
      byValue.set(v, k);
    }
    expect(Object.keys(CMS_OID).length).toBe(Object.keys(CMS_CONTENT).length + Object.keys(CMS_ATTR).length + Object.keys(CADES_ATTR).length + 4);
    const shared = Object.keys(PKI_OID).filter((k) => k in { ...ALG, ...CMS_OID });
    expect(shared.length).toBeGreaterThan(15);
    for (const k of shared) expect(PKI_OID[k as keyof typeof PKI_OID], k).toBe(({ ...ALG, ...CMS_OID } as Record<string, string>)[k]);
    expect(PKI_OID.etsiQcCompliance).toBe(QC.etsiCompliance);
    expect(PKI_OID.btkNes).toBe(QC.btkNes);
  });
});
