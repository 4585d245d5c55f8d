// @pulumi/tls and @pulumi/random as their providers behave: real ECDSA/RSA keys from node:crypto, real
// X.509 certificates and requests from the openssl command line (present on Debian and every CI image we
// use), so tests can read key usages back. What the tls provider's schema refuses is refused here too.
import { execFileSync } from "child_process";
import { generateKeyPairSync, randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AlibabaApiError } from "./state";

export const TLS_TYPES = {
    privateKey: "tls:index/privateKey:PrivateKey",
    selfSignedCert: "tls:index/selfSignedCert:SelfSignedCert",
    certRequest: "tls:index/certRequest:CertRequest",
    locallySignedCert: "tls:index/locallySignedCert:LocallySignedCert",
    randomBytes: "random:index/randomBytes:RandomBytes",
} as const;

/** The tls provider's curve names -> OpenSSL's. */
const CURVES: Record<string, string> = { P224: "secp224r1", P256: "prime256v1", P384: "secp384r1", P521: "secp521r1" };

/** allowed_uses values the tls provider accepts (terraform-provider-tls), split into key usage and EKU (OpenSSL names). */
const KEY_USAGES: Record<string, string> = {
    digital_signature: "digitalSignature",
    content_commitment: "nonRepudiation",
    key_encipherment: "keyEncipherment",
    data_encipherment: "dataEncipherment",
    key_agreement: "keyAgreement",
    cert_signing: "keyCertSign",
    crl_signing: "cRLSign",
    encipher_only: "encipherOnly",
    decipher_only: "decipherOnly",
};
const EXTENDED_KEY_USAGES: Record<string, string> = {
    any_extended: "anyExtendedKeyUsage",
    server_auth: "serverAuth",
    client_auth: "clientAuth",
    code_signing: "codeSigning",
    email_protection: "emailProtection",
    ipsec_end_system: "ipsecEndSystem",
    ipsec_tunnel: "ipsecTunnel",
    ipsec_user: "ipsecUser",
    timestamping: "timeStamping",
    ocsp_signing: "OCSPSigning",
    microsoft_server_gated_crypto: "msSGC",
    netscape_server_gated_crypto: "nsSGC",
};

/** The provider's plan-time validation errors (not Alibaba's: the code says so). */
function refuse(message: string): never {
    throw new AlibabaApiError("tls.InvalidArgument", message);
}

/** Throws what the tls/random providers refuse at plan time, or returns silently. */
export function validateTls(type: string, inputs: Record<string, any>): void {
    switch (type) {
        case TLS_TYPES.privateKey:
            if (!["RSA", "ECDSA", "ED25519"].includes(inputs.algorithm)) {
                refuse(`expected algorithm to be one of [RSA ECDSA ED25519], got ${inputs.algorithm}`);
            }
            if (inputs.algorithm === "ECDSA" && inputs.ecdsaCurve !== undefined && !CURVES[inputs.ecdsaCurve]) {
                refuse(`expected ecdsa_curve to be one of [P224 P256 P384 P521], got ${inputs.ecdsaCurve}`);
            }
            return;
        case TLS_TYPES.selfSignedCert:
        case TLS_TYPES.locallySignedCert:
            for (const use of inputs.allowedUses ?? []) {
                if (!KEY_USAGES[use] && !EXTENDED_KEY_USAGES[use]) {
                    // camelCase ("serverAuth") is the usual mistake: the provider wants snake_case.
                    refuse(`expected allowed_uses to be one of [${[...Object.keys(KEY_USAGES), ...Object.keys(EXTENDED_KEY_USAGES)].join(" ")}], got ${use}`);
                }
            }
            if (!(inputs.validityPeriodHours > 0)) {
                refuse(`validity_period_hours must be positive, got ${inputs.validityPeriodHours}`);
            }
            return;
        case TLS_TYPES.randomBytes:
            if (!Number.isInteger(inputs.length) || inputs.length < 1) {
                refuse(`length must be at least 1, got ${inputs.length}`);
            }
            return;
        default:
            return;
    }
}

function generateKey(inputs: Record<string, any>): Record<string, string> {
    if (inputs.algorithm === "ECDSA") {
        const curve = inputs.ecdsaCurve ?? "P224";
        const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: CURVES[curve] });
        return {
            // The provider writes SEC1 ("EC PRIVATE KEY") for ECDSA.
            privateKeyPem: privateKey.export({ format: "pem", type: "sec1" }).toString(),
            privateKeyPemPkcs8: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
            publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
            ecdsaCurve: curve,
        };
    }
    if (inputs.algorithm === "ED25519") {
        const { privateKey, publicKey } = generateKeyPairSync("ed25519");
        const pkcs8 = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
        return { privateKeyPem: pkcs8, privateKeyPemPkcs8: pkcs8, publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString() };
    }
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: inputs.rsaBits ?? 2048 });
    return {
        privateKeyPem: privateKey.export({ format: "pem", type: "pkcs1" }).toString(),
        privateKeyPemPkcs8: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
        publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
    };
}

/** "/CN=x/O=y" for openssl -subj, escaping the separators. */
function subjectArg(subject: Record<string, any> | undefined): string {
    const fields: Array<[string, unknown]> = [
        ["C", subject?.country],
        ["ST", subject?.province],
        ["L", subject?.locality],
        ["O", subject?.organization],
        ["OU", subject?.organizationalUnit],
        ["CN", subject?.commonName],
    ];
    const parts = fields.filter(([, v]) => typeof v === "string" && v !== "").map(([k, v]) => `/${k}=${String(v).replace(/([/,+=])/g, "\\$1")}`);
    return parts.join("") || "/";
}

function extensionsSection(inputs: Record<string, any>, ca: boolean): string {
    const uses: string[] = inputs.allowedUses ?? [];
    const ku = uses.filter((u) => KEY_USAGES[u]).map((u) => KEY_USAGES[u]);
    const eku = uses.filter((u) => EXTENDED_KEY_USAGES[u]).map((u) => EXTENDED_KEY_USAGES[u]);
    return [
        "[ext]",
        `basicConstraints = critical, CA:${ca ? "TRUE" : "FALSE"}`,
        ...(ku.length ? [`keyUsage = critical, ${ku.join(", ")}`] : []),
        ...(eku.length ? [`extendedKeyUsage = ${eku.join(", ")}`] : []),
        "subjectKeyIdentifier = hash",
        "",
    ].join("\n");
}

/** Runs openssl in a private temporary directory holding `files`; returns stdout. */
function openssl(args: string[], files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-tls-"));
    try {
        for (const [name, text] of Object.entries(files)) {
            fs.writeFileSync(path.join(dir, name), text, { mode: 0o600 });
        }
        return execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] }).toString();
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

function serial(): string {
    return `0x${randomBytes(16).toString("hex")}`;
}

function validity(hours: number): { days: string; start: string; end: string } {
    const start = new Date();
    const end = new Date(start.getTime() + hours * 3600 * 1000);
    return { days: String(Math.max(1, Math.ceil(hours / 24))), start: start.toISOString().replace(/\.\d+Z$/, "Z"), end: end.toISOString().replace(/\.\d+Z$/, "Z") };
}

/** Outputs of a tls/random resource, or undefined when `type` is not one of them. */
export function tlsOutputs(type: string, inputs: Record<string, any>): Record<string, any> | undefined {
    switch (type) {
        case TLS_TYPES.privateKey:
            return { ...inputs, ...generateKey(inputs) };
        case TLS_TYPES.certRequest: {
            const pem = openssl(["req", "-new", "-key", "key.pem", "-subj", subjectArg(inputs.subject)], { "key.pem": inputs.privateKeyPem });
            return { ...inputs, certRequestPem: pem, keyAlgorithm: "ECDSA" };
        }
        case TLS_TYPES.selfSignedCert: {
            const v = validity(inputs.validityPeriodHours);
            const config = `[req]\ndistinguished_name = dn\n[dn]\n${extensionsSection(inputs, Boolean(inputs.isCaCertificate))}`;
            const pem = openssl(
                ["req", "-x509", "-new", "-key", "key.pem", "-subj", subjectArg(inputs.subject), "-days", v.days, "-set_serial", serial(), "-config", "req.cnf", "-extensions", "ext"],
                { "key.pem": inputs.privateKeyPem, "req.cnf": config },
            );
            return { ...inputs, certPem: pem, validityStartTime: v.start, validityEndTime: v.end, readyForRenewal: false };
        }
        case TLS_TYPES.locallySignedCert: {
            const v = validity(inputs.validityPeriodHours);
            const pem = openssl(
                ["x509", "-req", "-in", "req.pem", "-CA", "ca.pem", "-CAkey", "ca.key", "-days", v.days, "-set_serial", serial(), "-extfile", "ext.cnf", "-extensions", "ext"],
                { "req.pem": inputs.certRequestPem, "ca.pem": inputs.caCertPem, "ca.key": inputs.caPrivateKeyPem, "ext.cnf": extensionsSection(inputs, Boolean(inputs.isCaCertificate)) },
            );
            return { ...inputs, certPem: pem, validityStartTime: v.start, validityEndTime: v.end, readyForRenewal: false };
        }
        case TLS_TYPES.randomBytes: {
            const bytes = randomBytes(inputs.length);
            return { ...inputs, hex: bytes.toString("hex"), base64: bytes.toString("base64") };
        }
        default:
            return undefined;
    }
}
