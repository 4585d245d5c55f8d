// The values Alibaba Cloud's VPN Gateway API accepts, in its own spelling.
// Sources: the CreateVpnConnection / CreateVpnGateway API reference and the
// @pulumi/alicloud (terraform-provider-alicloud) schema descriptions, see ../shared/notes/facts.md.

export const IKE_VERSIONS = ["ikev1", "ikev2"] as const;
export type IkeVersion = (typeof IKE_VERSIONS)[number];

export const IKE_MODES = ["main", "aggressive"] as const;
export type IkeMode = (typeof IKE_MODES)[number];

/** "aes" is AES-128 in Alibaba's spelling. */
export const ENCRYPTION_ALGORITHMS = ["aes", "aes192", "aes256", "des", "3des"] as const;
export type EncryptionAlgorithm = (typeof ENCRYPTION_ALGORITHMS)[number];

export const INTEGRITY_ALGORITHMS = ["md5", "sha1", "sha256", "sha384", "sha512"] as const;
export type IntegrityAlgorithm = (typeof INTEGRITY_ALGORITHMS)[number];

export const DH_GROUPS = ["group1", "group2", "group5", "group14"] as const;
export type DhGroup = (typeof DH_GROUPS)[number];

export const IPSEC_PFS_VALUES = ["disabled", ...DH_GROUPS] as const;
export type IpsecPfs = (typeof IPSEC_PFS_VALUES)[number];

/** Phase 1 and phase 2 SA lifetimes, seconds. Alibaba's default is the maximum. */
export const LIFETIME_MIN_SECONDS = 0;
export const LIFETIME_MAX_SECONDS = 86400;

export const PSK_MIN_LENGTH = 1;
export const PSK_MAX_LENGTH = 100;
/**
 * Characters Alibaba accepts in a pre-shared key (CreateVpnConnection, IkeConfig.Psk):
 * letters, digits and ~`!@#$%^&*()_-+={}[]\|;:',.<>/? — no spaces.
 */
export const PSK_PATTERN = /^[A-Za-z0-9~`!@#$%^&*()_\-+={}[\]\\|;:',.<>/?]+$/;

/** LocalId / RemoteId: at most 100 characters. */
export const IKE_ID_MAX_LENGTH = 100;

/** An IPsec connection carries 1..10 CIDR blocks on each side. */
export const MAX_CONNECTION_SUBNETS = 10;

/** Public VPN gateway bandwidth specifications, Mbit/s. */
export const PUBLIC_GATEWAY_BANDWIDTHS = [5, 10, 20, 50, 100, 200, 500, 1000] as const;

/** Carrier-grade NAT space: Alibaba reserves it, VPN gateway routes may not overlap it. */
export const RESERVED_ROUTE_BLOCK = "100.64.0.0/10";

/** Tunnel roles of a dual-tunnel connection. */
export const TUNNEL_ROLES = ["master", "slave"] as const;
export type TunnelRole = (typeof TUNNEL_ROLES)[number];

/** DH group number (RFC 2409 / RFC 3526) and its MODP size, for renderers that spell groups differently. */
export const DH_GROUP_INFO: Record<DhGroup, { number: number; modpBits: number }> = {
    group1: { number: 1, modpBits: 768 },
    group2: { number: 2, modpBits: 1024 },
    group5: { number: 5, modpBits: 1536 },
    group14: { number: 14, modpBits: 2048 },
};

/** Cipher family and key size of each encryption value. */
export const ENCRYPTION_INFO: Record<EncryptionAlgorithm, { family: "aes" | "des" | "3des"; keyBits: number }> = {
    aes: { family: "aes", keyBits: 128 },
    aes192: { family: "aes", keyBits: 192 },
    aes256: { family: "aes", keyBits: 256 },
    des: { family: "des", keyBits: 56 },
    "3des": { family: "3des", keyBits: 168 },
};

/** Default Alibaba IKE identifier behaviour: an unset id means "the tunnel's public IP address". */
export const DEFAULT_ID_IS_ADDRESS = true;
