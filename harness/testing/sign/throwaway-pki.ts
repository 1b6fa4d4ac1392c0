// A throwaway PKI made with the openssl CLI, for unit tests of the signature builders that must not depend
// on harness/pki: root CA -> end-entity (RSA and ECDSA), keys signed through node:crypto.
import { execFileSync } from "node:child_process";
import { createPrivateKey, sign as nodeSign } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Signer } from "../../sign/common.ts";
import { pemToDer } from "../../sign/common.ts";
import { type HashName } from "../../asn1/oids.ts";
import { type KeyAlgorithm } from "../../pki/keys.ts";

export interface ThrowawayPki {
  dir: string;
  rootPem: string;
  rootPath: string;
  rootDer: Uint8Array;
  rsa: Signer;
  ec: Signer;
}

function signerFrom(label: string, keyPem: string, certPem: string, alg: KeyAlgorithm): Signer {
  const key = createPrivateKey(keyPem);
  return {
    label,
    certDer: pemToDer(certPem),
    keyAlgorithm: alg,
    sign(data: Uint8Array, hash: HashName) {
      const h = hash.replace("-", "").toLowerCase();
      return new Uint8Array(nodeSign(h, data, alg === "rsa-2048" ? key : { key, dsaEncoding: "der" }));
    },
  };
}

export function makeThrowawayPki(): ThrowawayPki {
  const dir = mkdtempSync(path.join(os.tmpdir(), "uyum-sign-pki-"));
  const run = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  writeFileSync(
    path.join(dir, "ee.ext"),
    "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n",
  );
  run(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "root.key",
    "-out",
    "root.pem",
    "-days",
    "3650",
    "-subj",
    "/C=TR/O=Deneme/CN=Deneme Kok",
  );
  run(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "rsa.key",
    "-out",
    "rsa.csr",
    "-subj",
    "/C=TR/CN=Ali Veli RSA",
  );
  run(
    "x509",
    "-req",
    "-in",
    "rsa.csr",
    "-CA",
    "root.pem",
    "-CAkey",
    "root.key",
    "-set_serial",
    "1001",
    "-days",
    "365",
    "-extfile",
    "ee.ext",
    "-out",
    "rsa.pem",
  );
  run(
    "req",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-keyout",
    "ec.key",
    "-out",
    "ec.csr",
    "-subj",
    "/C=TR/CN=Ayşe EC",
  );
  run(
    "x509",
    "-req",
    "-in",
    "ec.csr",
    "-CA",
    "root.pem",
    "-CAkey",
    "root.key",
    "-set_serial",
    "1002",
    "-days",
    "365",
    "-extfile",
    "ee.ext",
    "-out",
    "ec.pem",
  );
  const f = (n: string) => readFileSync(path.join(dir, n), "utf8");
  return {
    dir,
    rootPem: f("root.pem"),
    rootPath: path.join(dir, "root.pem"),
    rootDer: pemToDer(f("root.pem")),
    rsa: signerFrom("rsa", f("rsa.key"), f("rsa.pem"), "rsa-2048"),
    ec: signerFrom("ec", f("ec.key"), f("ec.pem"), "ecdsa-p256"),
  };
}
