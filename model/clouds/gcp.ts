// What Google Cloud HA VPN accepts from a peer, in GCP's spelling and mapped to Alibaba's, with the public sources.
// Pure data, no Pulumi: model/clouds/gcpLink.ts checks the Google Cloud end against it, intersection.ts (GCP)
// intersects the profile with Alibaba's values.
//
// The cipher tables (https://cloud.google.com/network-connectivity/docs/vpn/concepts/supported-ike-ciphers, "Last
// updated 2026-04-10"), IKEv2 without AEAD, in the cipherSuite's configuration values (case-sensitive):
// - phase 1 encryption AES-CBC-128, AES-CBC-192, AES-CBC-256, 3DES-CBC; integrity AES-XCBC-96, AES-CMAC-96,
//   HMAC-SHA1-96, HMAC-MD5-96, HMAC-SHA2-256-128, HMAC-SHA2-384-192, HMAC-SHA2-512-256; PRF PRF-AES128-XCBC,
//   PRF-AES128-CMAC, PRF-HMAC-SHA1, PRF-HMAC-MD5, PRF-HMAC-SHA2-256, PRF-HMAC-SHA2-384, PRF-HMAC-SHA2-512; DH
//   Group-14, modp-2048-224, modp-2048-256, Group-5, Group-15, Group-16, Group-18, Group-2, modp-1024-160,
//   Group-19, Group-20, Group-21, Group-31 (no Group-1: MODP 768 is not offered); phase 1 lifetime 36,000 s;
// - phase 2 encryption AES-CBC-128, AES-CBC-256, AES-CBC-192 (no 3DES); integrity HMAC-SHA2-256-128,
//   HMAC-SHA2-512-256, HMAC-SHA1-96 (no MD5, no SHA-384); "PFS Algorithm (required)" from the phase 1 DH list (no
//   "no PFS"); phase 2 lifetime 10,800 s;
// - IKEv1: one suite only, AES-CBC-128 / HMAC-SHA1-96 / MODP 1024 (Group 2) in both phases, phase 1 lifetime
//   36,600 s.
// The lifetimes are fixed: VPNTunnel has no lifetime argument (@pulumi/gcp 9.37 compute/vpntunnel.d.ts).
// This file used to list phase 2 "no PFS", MD5 and SHA-384 in phase 2 and no 3DES in phase 1: the table above says
// otherwise, so the intersection changed with it.
import { DhGroup, EncryptionAlgorithm, IntegrityAlgorithm } from "../alibaba";

export const GCP_SOURCES = {
    ciphers: "https://cloud.google.com/network-connectivity/docs/vpn/concepts/supported-ike-ciphers",
    cipherChanges: "https://cloud.google.com/network-connectivity/docs/vpn/deprecations/cipher-changes",
    /** HA VPN to a peer with two interfaces (external VPN gateway TWO_IPS_REDUNDANCY), the 99.99% topology. */
    topologies: "https://cloud.google.com/network-connectivity/docs/vpn/concepts/topologies",
    /** "Partner Interconnect requires a public ASN, and all other types of interface require private ASNs." */
    bgpSessions: "https://cloud.google.com/network-connectivity/docs/router/how-to/configuring-bgp",
    /** Router.bgp.asn: "Must be an RFC6996 private ASN, either 16-bit or 32-bit." */
    routerApi: "https://cloud.google.com/compute/docs/reference/rest/v1/routers",
    /** RouterInterface.ipRange: "The IP range must be in the RFC3927 link-local IP space." */
    routerInterface: "https://www.pulumi.com/registry/packages/gcp/api-docs/compute/routerinterface/",
    /** VPNTunnel arguments (cipherSuite, vpnGatewayInterface, peerExternalGatewayInterface, router, sharedSecret). */
    vpnTunnel: "https://www.pulumi.com/registry/packages/gcp/api-docs/compute/vpntunnel/",
    /** --shared-secret: "Shared secret consisting of printable characters. Valid arguments match the regular expression [ -~]+". */
    sharedSecret: "https://cloud.google.com/sdk/gcloud/reference/compute/vpn-tunnels/create",
    /** "we recommend that you generate a strong 32-character pre-shared key". */
    strongPsk: "https://cloud.google.com/network-connectivity/docs/vpn/how-to/generating-pre-shared-key",
    regions: "https://cloud.google.com/compute/docs/regions-zones",
    /** Resource names: RFC 1035, 1-63 characters, [a-z]([-a-z0-9]*[a-z0-9])? (every compute resource's `name`). */
    names: "https://cloud.google.com/compute/docs/naming-resources",
    /** Project ids: 6 to 30 lowercase letters, digits or hyphens, starting with a letter, not ending with a hyphen. */
    projectIds: "https://cloud.google.com/resource-manager/docs/creating-managing-projects",
} as const;

/** Phase 1 (IKEv2) and phase 2 lifetimes, seconds: fixed. */
export const GCP_PHASE1_LIFETIME_SECONDS = 36000;
export const GCP_PHASE2_LIFETIME_SECONDS = 10800;
/** IKEv1's phase 1 lifetime (the IKEv1 table). */
export const GCP_IKEV1_PHASE1_LIFETIME_SECONDS = 36600;

// GCP's configuration values (the tables above), in the tables' order.
export const GCP_PHASE1_ENCRYPTIONS = ["AES-CBC-128", "AES-CBC-192", "AES-CBC-256", "3DES-CBC"] as const;
export const GCP_PHASE1_INTEGRITIES = [
    "AES-XCBC-96", "AES-CMAC-96", "HMAC-SHA1-96", "HMAC-MD5-96", "HMAC-SHA2-256-128", "HMAC-SHA2-384-192", "HMAC-SHA2-512-256",
] as const;
export const GCP_PHASE1_PRFS = [
    "PRF-AES128-XCBC", "PRF-AES128-CMAC", "PRF-HMAC-SHA1", "PRF-HMAC-MD5", "PRF-HMAC-SHA2-256", "PRF-HMAC-SHA2-384", "PRF-HMAC-SHA2-512",
] as const;
export const GCP_DHS = [
    "Group-14", "modp-2048-224", "modp-2048-256", "Group-5", "Group-15", "Group-16", "Group-18", "Group-2", "modp-1024-160",
    "Group-19", "Group-20", "Group-21", "Group-31",
] as const;
export const GCP_PHASE2_ENCRYPTIONS = ["AES-CBC-128", "AES-CBC-256", "AES-CBC-192"] as const;
export const GCP_PHASE2_INTEGRITIES = ["HMAC-SHA2-256-128", "HMAC-SHA2-512-256", "HMAC-SHA1-96"] as const;

// Alibaba's spelling -> GCP's. Only values both clouds name appear.
export const GCP_PHASE1_ENCRYPTION_NAME: Partial<Record<EncryptionAlgorithm, (typeof GCP_PHASE1_ENCRYPTIONS)[number]>> = {
    aes: "AES-CBC-128",
    aes192: "AES-CBC-192",
    aes256: "AES-CBC-256",
    "3des": "3DES-CBC",
};
export const GCP_PHASE2_ENCRYPTION_NAME: Partial<Record<EncryptionAlgorithm, (typeof GCP_PHASE2_ENCRYPTIONS)[number]>> = {
    aes: "AES-CBC-128",
    aes192: "AES-CBC-192",
    aes256: "AES-CBC-256",
};
export const GCP_PHASE1_INTEGRITY_NAME: Partial<Record<IntegrityAlgorithm, (typeof GCP_PHASE1_INTEGRITIES)[number]>> = {
    md5: "HMAC-MD5-96",
    sha1: "HMAC-SHA1-96",
    sha256: "HMAC-SHA2-256-128",
    sha384: "HMAC-SHA2-384-192",
    sha512: "HMAC-SHA2-512-256",
};
/** Alibaba's IKE PRF is the HMAC of its integrity hash (RFC 7296 3.3.2 pairs them; strongSwan derives it so). */
export const GCP_PRF_NAME: Partial<Record<IntegrityAlgorithm, (typeof GCP_PHASE1_PRFS)[number]>> = {
    md5: "PRF-HMAC-MD5",
    sha1: "PRF-HMAC-SHA1",
    sha256: "PRF-HMAC-SHA2-256",
    sha384: "PRF-HMAC-SHA2-384",
    sha512: "PRF-HMAC-SHA2-512",
};
export const GCP_PHASE2_INTEGRITY_NAME: Partial<Record<IntegrityAlgorithm, (typeof GCP_PHASE2_INTEGRITIES)[number]>> = {
    sha1: "HMAC-SHA1-96",
    sha256: "HMAC-SHA2-256-128",
    sha512: "HMAC-SHA2-512-256",
};
export const GCP_DH_NAME: Partial<Record<DhGroup, (typeof GCP_DHS)[number]>> = {
    group2: "Group-2",
    group5: "Group-5",
    group14: "Group-14",
};

/** Alibaba values Cloud VPN lists (IKEv2), per phase. */
export const GCP_ENCRYPTION = Object.keys(GCP_PHASE1_ENCRYPTION_NAME) as EncryptionAlgorithm[];
export const GCP_PHASE2_ENCRYPTION = Object.keys(GCP_PHASE2_ENCRYPTION_NAME) as EncryptionAlgorithm[];
export const GCP_INTEGRITY = Object.keys(GCP_PHASE1_INTEGRITY_NAME) as IntegrityAlgorithm[];
export const GCP_PHASE2_INTEGRITY = Object.keys(GCP_PHASE2_INTEGRITY_NAME) as IntegrityAlgorithm[];
/** MODP 1024, 1536 and 2048 (groups 2, 5, 14); group 1 (MODP 768) is not offered. PFS is required in phase 2. */
export const GCP_DH = Object.keys(GCP_DH_NAME) as DhGroup[];
/** The one IKEv1 suite, in Alibaba's spelling. */
export const GCP_IKEV1_SUITE = { encryption: "aes", integrity: "sha1", dhGroup: "group2" } as const;

/** The external VPN gateway for an Alibaba dual-tunnel gateway (two public addresses). */
export const GCP_REDUNDANCY_FOR_ALIBABA_DUAL_TUNNEL = "TWO_IPS_REDUNDANCY";

/** Compute Engine regions (GCP_SOURCES.regions, as listed in 2026). */
export const GCP_REGIONS: readonly string[] = [
    "africa-south1", "asia-east1", "asia-east2", "asia-northeast1", "asia-northeast2", "asia-northeast3", "asia-south1",
    "asia-south2", "asia-southeast1", "asia-southeast2", "asia-southeast3", "australia-southeast1", "australia-southeast2",
    "europe-central2", "europe-north1", "europe-north2", "europe-southwest1", "europe-west1", "europe-west2", "europe-west3",
    "europe-west4", "europe-west6", "europe-west8", "europe-west9", "europe-west10", "europe-west12", "me-central1", "me-central2",
    "me-west1", "northamerica-northeast1", "northamerica-northeast2", "northamerica-south1", "southamerica-east1",
    "southamerica-west1", "us-central1", "us-east1", "us-east4", "us-east5", "us-south1", "us-west1", "us-west2", "us-west3", "us-west4",
];

/** Alibaba region ids a user may type for the Google Cloud end by mistake, and the Google Cloud region in the same city. */
export const GCP_REGION_FOR_ALIBABA_REGION: Record<string, string> = {
    "cn-hongkong": "asia-east2", // Hong Kong
    "ap-southeast-1": "asia-southeast1", // Singapore
    "ap-northeast-1": "asia-northeast1", // Tokyo
    "ap-northeast-2": "asia-northeast3", // Seoul
    "ap-southeast-2": "australia-southeast1", // Sydney
    "ap-southeast-5": "asia-southeast2", // Jakarta
    "ap-south-1": "asia-south1", // Mumbai
    "eu-central-1": "europe-west3", // Frankfurt
    "eu-west-1": "europe-west2", // London
    "us-east-1": "us-east4", // Virginia
};

/** Cloud Router ASNs for VPN: RFC 6996 private, 16-bit or 32-bit (16550 is Partner Interconnect's, not VPN's). */
export const GCP_PRIVATE_ASN_RANGES: ReadonlyArray<{ min: number; max: number }> = [
    { min: 64512, max: 65534 },
    { min: 4200000000, max: 4294967294 },
];
export function isGcpRouterAsn(asn: unknown): boolean {
    return typeof asn === "number" && Number.isInteger(asn) && GCP_PRIVATE_ASN_RANGES.some((r) => asn >= r.min && asn <= r.max);
}

/** RouterInterface.ipRange: link-local (RFC 3927). */
export const GCP_BGP_RANGE = "169.254.0.0/16";
/** sharedSecret: printable ASCII, at least one character (gcloud's pattern [ -~]+). */
export const GCP_PSK_PATTERN = /^[ -~]+$/;
/** RFC 1035 names (GCP_SOURCES.names). */
export const GCP_NAME_PATTERN = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const GCP_PROJECT_PATTERN = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;
