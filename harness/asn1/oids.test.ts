// The project's OID table checked against an independent name list (OpenSSL's object database), so a wrong
// digit shows up as a wrong or missing name.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { oid, seq } from "./der.ts";
import {
  ALG,
  CADES_ATTR,
  CERT_EXT,
  CMS_ATTR,
  CMS_CONTENT,
  CMS_OID,
  EKU,
  HASH_BY_OID,
  HASH_OID,
  NAME_ATTR,
  OID,
  PKIX,
  QC,
  TR_POLICY_OID,
  TR_TSA_POLICY_OID,
} from "./oids.ts";

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
  C: "countryName",
  L: "localityName",
  ST: "stateOrProvinceName",
  O: "organizationName",
  OU: "organizationalUnitName",
  CN: "commonName",
  extKeyUsage: "X509v3 Extended Key Usage",
  authorityInfoAccess: "Authority Information Access",
  ekuClientAuth: "TLS Web Client Authentication",
  ekuTimeStamping: "Time Stamping",
  ekuOcspSigning: "OCSP Signing",
  cps: "Policy Qualifier CPS",
  subjectAltName: "X509v3 Subject Alternative Name",
  issuerAltName: "X509v3 Issuer Alternative Name",
};
// Every group, each once.
const GROUPS = { ALG, NAME_ATTR, CERT_EXT, EKU, PKIX, QC, CMS_OID, TR_POLICY_OID, TR_TSA_POLICY_OID };
// Not in OpenSSL 3.0's object database.
const UNKNOWN_TO_OPENSSL = [
  "archiveTimestampV2",
  "archiveTimestampV3",
  "atsHashIndex",
  "atsHashIndexV3",
  "ocspResponseRevInfo",
  "signerAttrV2",
  ...Object.keys(ALG).filter((k) => k.startsWith("ecdsaPlain")),
  ...Object.keys(QC).filter((k) => k !== "unotice"),
  ...Object.keys(TR_POLICY_OID),
  ...Object.keys(TR_TSA_POLICY_OID),
];

describe("asn1/oids.ts", () => {
  const entries = Object.values(GROUPS).flatMap((g) => Object.entries(g));
  it("every OID has OpenSSL's name for it (or is one OpenSSL does not know)", () => {
    const out = execFileSync("openssl", ["asn1parse", "-inform", "DER"], {
      input: seq(...entries.map(([, v]) => oid(v))),
      encoding: "utf8",
    });
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
  it("names are unique per OID, CMS_OID is exactly its groups, OID is every group with no name lost", () => {
    const byValue = new Map<string, string>();
    for (const [k, v] of entries) {
      expect(byValue.get(v), `${k} and ${byValue.get(v)} share ${v}`).toBeUndefined();
      byValue.set(v, k);
    }
    expect(Object.keys(CMS_OID).length).toBe(
      Object.keys(CMS_CONTENT).length + Object.keys(CMS_ATTR).length + Object.keys(CADES_ATTR).length + 4,
    );
    // A name used in two groups would be silently overwritten in OID.
    expect(Object.keys(OID).length).toBe(entries.length);
    for (const [k, v] of entries) expect((OID as Record<string, string>)[k], k).toBe(v);
  });
  it("the digest tables are inverses of each other and point into ALG", () => {
    for (const [name, o] of Object.entries(HASH_OID)) {
      expect(HASH_BY_OID[o]).toBe(name);
      expect(Object.values(ALG)).toContain(o);
    }
    expect(Object.keys(HASH_BY_OID).length).toBe(Object.keys(HASH_OID).length);
  });
});
