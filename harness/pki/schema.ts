// JSON Schema (2020-12) of the PKI YAML. additionalProperties:false everywhere so a typo is an error, not a
// silently ignored field.
const dateTime = { type: "string", format: "date-time" };
const label = { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" };
const oidPattern = "^[0-2](\\.[0-9]+)+$";
const kamusm = { type: "array", items: { type: "string" } };

const extensionProps = {
  keyUsage: {
    anyOf: [
      { type: "null" },
      {
        type: "array",
        items: {
          enum: [
            "digitalSignature",
            "nonRepudiation",
            "keyEncipherment",
            "dataEncipherment",
            "keyAgreement",
            "keyCertSign",
            "cRLSign",
          ],
        },
      },
    ],
  },
  keyUsageCritical: { type: "boolean" },
  extKeyUsage: { anyOf: [{ type: "null" }, { type: "array", items: { type: "string", pattern: oidPattern } }] },
  extKeyUsageCritical: { type: "boolean" },
  basicConstraints: {
    anyOf: [
      { type: "null" },
      {
        type: "object",
        additionalProperties: false,
        required: ["ca"],
        properties: { ca: { type: "boolean" }, pathLen: { type: "integer", minimum: 0 } },
      },
    ],
  },
  policies: {
    anyOf: [
      { type: "null" },
      {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["oid"],
          properties: {
            oid: { type: "string", pattern: oidPattern },
            userNotice: { type: "string", minLength: 1, maxLength: 200 },
            cps: { type: "string" },
          },
        },
      },
    ],
  },
  qcStatements: {
    anyOf: [
      { type: "null" },
      {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["id"],
          properties: {
            id: {
              anyOf: [
                { enum: ["etsi-compliance", "etsi-sscd", "etsi-limit", "btk-nes", "btk-usage-restriction"] },
                { type: "string", pattern: oidPattern },
              ],
            },
            limit: {
              type: "object",
              additionalProperties: false,
              required: ["currency", "amount", "exponent"],
              properties: {
                currency: { type: "string", pattern: "^[A-Z]{3}$" },
                amount: { type: "integer", minimum: 0 },
                exponent: { type: "integer", minimum: 0 },
              },
            },
            text: { type: "string", minLength: 1 },
          },
        },
      },
    ],
  },
  ocspNoCheck: { type: "boolean" },
  crl: { anyOf: [{ type: "null" }, label] },
  ocsp: { anyOf: [{ type: "null" }, label] },
  caIssuers: { type: "boolean" },
} as const;

export const pkiConfigSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://uyum.invalid/schemas/pki-config.json",
  title: "uyum test PKI",
  type: "object",
  additionalProperties: false,
  required: ["version", "baseUrl", "referenceTime", "validationTime", "keys", "certificates"],
  properties: {
    version: { const: 1 },
    name: { type: "string" },
    baseUrl: { type: "string", pattern: "^http://(127\\.0\\.0\\.1|localhost|\\[::1\\])(:[0-9]{1,5})?$" },
    referenceTime: dateTime,
    validationTime: dateTime,
    keys: {
      type: "object",
      minProperties: 1,
      propertyNames: label,
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["algorithm"],
        properties: { algorithm: { enum: ["rsa-2048", "ecdsa-p256"] }, file: { type: "string" } },
      },
    },
    profiles: {
      type: "object",
      propertyNames: label,
      additionalProperties: { type: "object", additionalProperties: false, properties: extensionProps },
    },
    certificates: {
      type: "object",
      minProperties: 1,
      propertyNames: label,
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["role", "subject", "serial", "notBefore", "notAfter"],
        properties: {
          ...extensionProps,
          role: { enum: ["root", "subroot", "nes", "tsa", "ocsp", "other"] },
          issuer: label,
          key: label,
          signingKey: label,
          profile: label,
          subject: {
            type: "object",
            minProperties: 1,
            propertyNames: { enum: ["C", "O", "OU", "L", "ST", "CN", "serialNumber", "givenName", "surname"] },
            additionalProperties: { type: "string", minLength: 1 },
          },
          serial: {
            anyOf: [
              { type: "integer", minimum: 1 },
              { type: "string", pattern: "^[0-9a-fA-F]{1,40}$" },
            ],
          },
          notBefore: dateTime,
          notAfter: dateTime,
          fault: { enum: ["forged-signature"] },
          revoked: {
            type: "object",
            additionalProperties: false,
            required: ["date"],
            properties: {
              date: dateTime,
              reason: {
                enum: [
                  "unspecified",
                  "keyCompromise",
                  "cACompromise",
                  "affiliationChanged",
                  "superseded",
                  "cessationOfOperation",
                  "certificateHold",
                ],
              },
              via: { type: "array", minItems: 1, uniqueItems: true, items: { enum: ["crl", "ocsp"] } },
            },
          },
          scenario: { type: "string" },
          kamusm,
          description: { type: "string" },
        },
      },
    },
    crls: {
      type: "object",
      propertyNames: label,
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["issuer"],
        properties: {
          issuer: label,
          fault: { enum: ["expired", "forged-signature", "wrong-issuer"] },
          validityHours: { type: "integer", minimum: 1 },
          scenario: { type: "string" },
          kamusm,
        },
      },
    },
    ocspResponders: {
      type: "object",
      propertyNames: label,
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["issuer"],
        properties: {
          issuer: label,
          signer: label,
          fault: { enum: ["expired", "forged-signature", "wrong-cert", "unauthorised-responder"] },
          validityHours: { type: "integer", minimum: 1 },
          scenario: { type: "string" },
          kamusm,
        },
      },
    },
    tsas: {
      type: "object",
      propertyNames: label,
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["cert"],
        properties: {
          cert: label,
          policy: { type: "string", pattern: oidPattern },
          hash: { enum: ["SHA-1", "SHA-256", "SHA-384", "SHA-512"] },
          fault: { enum: ["wrong-imprint", "forged-signature"] },
          scenario: { type: "string" },
          kamusm,
        },
      },
    },
  },
} as const;
