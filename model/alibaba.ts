// The values Alibaba Cloud's VPN Gateway API accepts, in its own spelling.
// Sources: the CreateVpnConnection / CreateVpnGateway API reference and the
// @pulumi/alicloud (terraform-provider-alicloud) schema descriptions, see ../shared/notes/facts.md.

// Each choice is an `as const` object with a type of the same name: TypeScript callers write the plain string
// ("ikev2"), and Pulumi's component analyzer turns it into a schema enum for Python, Go and YAML callers
// (it refuses bare string-literal unions). The const must come before the type for the analyzer to find it.

export const IkeVersion = { Ikev1: "ikev1", Ikev2: "ikev2" } as const;
export type IkeVersion = (typeof IkeVersion)[keyof typeof IkeVersion];
export const IKE_VERSIONS: readonly IkeVersion[] = Object.values(IkeVersion);

export const IkeMode = { Main: "main", Aggressive: "aggressive" } as const;
export type IkeMode = (typeof IkeMode)[keyof typeof IkeMode];
export const IKE_MODES: readonly IkeMode[] = Object.values(IkeMode);

/** "aes" is AES-128 in Alibaba's spelling. */
export const EncryptionAlgorithm = { Aes: "aes", Aes192: "aes192", Aes256: "aes256", Des: "des", TripleDes: "3des" } as const;
export type EncryptionAlgorithm = (typeof EncryptionAlgorithm)[keyof typeof EncryptionAlgorithm];
export const ENCRYPTION_ALGORITHMS: readonly EncryptionAlgorithm[] = Object.values(EncryptionAlgorithm);

export const IntegrityAlgorithm = { Md5: "md5", Sha1: "sha1", Sha256: "sha256", Sha384: "sha384", Sha512: "sha512" } as const;
export type IntegrityAlgorithm = (typeof IntegrityAlgorithm)[keyof typeof IntegrityAlgorithm];
export const INTEGRITY_ALGORITHMS: readonly IntegrityAlgorithm[] = Object.values(IntegrityAlgorithm);

export const DhGroup = { Group1: "group1", Group2: "group2", Group5: "group5", Group14: "group14" } as const;
export type DhGroup = (typeof DhGroup)[keyof typeof DhGroup];
export const DH_GROUPS: readonly DhGroup[] = Object.values(DhGroup);

/** Phase 2 PFS: a DH group, or "disabled" for no PFS. */
export const IpsecPfs = { Disabled: "disabled", Group1: "group1", Group2: "group2", Group5: "group5", Group14: "group14" } as const;
export type IpsecPfs = (typeof IpsecPfs)[keyof typeof IpsecPfs];
export const IPSEC_PFS_VALUES: readonly IpsecPfs[] = Object.values(IpsecPfs);

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
export const TunnelRole = { Master: "master", Slave: "slave" } as const;
export type TunnelRole = (typeof TunnelRole)[keyof typeof TunnelRole];
export const TUNNEL_ROLES: readonly TunnelRole[] = Object.values(TunnelRole);

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
