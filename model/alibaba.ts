// The values Alibaba Cloud's VPN Gateway API accepts, in its own spelling.
import { contains, overlaps } from "./cidr";
// Sources: the CreateVpnConnection / CreateVpnGateway API reference and the
// @pulumi/alicloud (terraform-provider-alicloud, github.com/aliyun/terraform-provider-alicloud) schema descriptions.

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

/**
 * Public VPN gateway bandwidth specifications, Mbit/s, as the provider's docs list them (website/docs/r/vpn_gateway.html.markdown
 * in github.com/aliyun/terraform-provider-alicloud: "5, 10, 20, 50, 100, 200, 500, or 1000").
 */
export const PUBLIC_GATEWAY_BANDWIDTHS = [5, 10, 20, 50, 100, 200, 500, 1000] as const;

/**
 * The subset the current CreateVpnGateway reference lists for public gateways
 * (https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-createvpngateway).
 * Whether 5, 20 and 50 are still sold, and where, is unknown: they draw a warning, not an error.
 */
export const PUBLIC_GATEWAY_BANDWIDTHS_CURRENT = [10, 100, 200, 500, 1000] as const;

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

/**
 * Zones where a new (dual-tunnel) VPN gateway can be placed, per region. Source: "IPsec-VPN connections support the
 * dual-tunnel mode", Limits (last updated Oct 28, 2024):
 * https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/user-guide/ipsec-vpn-connections-support-the-dual-tunnel-mode
 * "By default, after you purchase a VPN gateway, you can create only dual-tunnel IPsec-VPN connections" there, and
 * "If only one zone in a region supports the dual-tunnel mode ... You can specify the same vSwitch."
 * The live answer is the DescribeVpnGatewayAvailableZones API. The emulator reads this table too (emulator/zones.ts).
 */
export const VPN_GATEWAY_ZONES: Readonly<Record<string, readonly string[]>> = {
    "cn-hangzhou": ["cn-hangzhou-g", "cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-k"],
    "cn-shanghai": ["cn-shanghai-b", "cn-shanghai-d", "cn-shanghai-e", "cn-shanghai-f", "cn-shanghai-g", "cn-shanghai-k", "cn-shanghai-l", "cn-shanghai-m", "cn-shanghai-n"],
    "cn-nanjing": ["cn-nanjing-a"],
    "cn-shenzhen": ["cn-shenzhen-a", "cn-shenzhen-d", "cn-shenzhen-e", "cn-shenzhen-f"],
    "cn-heyuan": ["cn-heyuan-a", "cn-heyuan-b"],
    "cn-guangzhou": ["cn-guangzhou-a", "cn-guangzhou-b"],
    "cn-qingdao": ["cn-qingdao-b", "cn-qingdao-c"],
    "cn-beijing": ["cn-beijing-a", "cn-beijing-c", "cn-beijing-e", "cn-beijing-f", "cn-beijing-g", "cn-beijing-h", "cn-beijing-i", "cn-beijing-j", "cn-beijing-k", "cn-beijing-l"],
    "cn-zhangjiakou": ["cn-zhangjiakou-a", "cn-zhangjiakou-b", "cn-zhangjiakou-c"],
    "cn-huhehaote": ["cn-huhehaote-a", "cn-huhehaote-b"],
    "cn-wulanchabu": ["cn-wulanchabu-a", "cn-wulanchabu-b", "cn-wulanchabu-c"],
    "cn-chengdu": ["cn-chengdu-a", "cn-chengdu-b"],
    "cn-hongkong": ["cn-hongkong-b", "cn-hongkong-c", "cn-hongkong-d"],
    "ap-southeast-1": ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"],
    "ap-southeast-7": ["ap-southeast-7a"],
    "ap-northeast-1": ["ap-northeast-1a", "ap-northeast-1b", "ap-northeast-1c"],
    "ap-northeast-2": ["ap-northeast-2a"],
    "ap-southeast-6": ["ap-southeast-6a"],
    "ap-southeast-5": ["ap-southeast-5a", "ap-southeast-5b", "ap-southeast-5c"],
    "ap-southeast-3": ["ap-southeast-3a", "ap-southeast-3b"],
    "eu-west-1": ["eu-west-1a", "eu-west-1b"],
    "eu-central-1": ["eu-central-1a", "eu-central-1b", "eu-central-1c"],
    "us-west-1": ["us-west-1a", "us-west-1b"],
};

/**
 * Blocks a VPC may not use (CreateVpc reference, CidrBlock: https://www.alibabacloud.com/help/en/vpc/api-createvpc):
 * Alibaba's own 100.64.0.0/10, multicast, loopback and link-local, and their subnets.
 */
export const VPC_RESERVED_BLOCKS = ["100.64.0.0/10", "224.0.0.0/4", "127.0.0.0/8", "169.254.0.0/16"] as const;

/**
 * Alibaba's own block (CreateRouteEntry reference, DestinationCidrBlock). The references agree that a VPC route may
 * not be 100.64.0.0/10 itself; on a destination inside it they disagree: the English reference
 * (https://www.alibabacloud.com/help/en/virtual-private-cloud/latest/createrouteentry) refuses it, the Chinese one of
 * 2024-06-19 (https://api.aliyun.com/document/Vpc/2016-04-28/CreateRouteEntry) accepts it but warns that it can break
 * the cloud services the VPC reaches there, such as DNS (100.100.2.136) and instance metadata (100.100.100.200).
 */
export const RESERVED_VPC_ROUTE_BLOCK = "100.64.0.0/10";

/** Where the VPC's own Alibaba services answer (DNS 100.100.2.136/138, metadata 100.100.100.200, NTP, ...). */
export const ALIBABA_SERVICE_BLOCK = "100.100.0.0/16";

/** The region id of a zone id: "cn-hangzhou-h" -> "cn-hangzhou", "ap-northeast-1a" -> "ap-northeast-1"; undefined if malformed. */
export function regionOfZone(zoneId: string): string | undefined {
    const match = /^([a-z]+-[a-z]+(?:-\d+)?)(?:-([a-z])|([a-z]))$/.exec(typeof zoneId === "string" ? zoneId : "");
    if (!match) {
        return undefined;
    }
    // Chinese regions have no digit and a "-letter" zone suffix; numbered regions append the letter directly.
    const numbered = /\d$/.test(match[1]);
    return numbered === (match[3] !== undefined) ? match[1] : undefined;
}

/**
 * What is wrong with a VPC route to `block` (a valid CIDR network) in Alibaba's reserved block, if anything: an error
 * for 100.64.0.0/10 itself (refused by every reference) and for a block inside it that covers Alibaba's service
 * addresses (ALIBABA_SERVICE_BLOCK: the VPC would lose its DNS and metadata); a warning for the rest of 100.64.0.0/10,
 * on which the references disagree (RESERVED_VPC_ROUTE_BLOCK). A block containing 100.64.0.0/10 (100.0.0.0/8) is
 * accepted: the references allow it, and the more specific system route keeps 100.64.0.0/10's traffic.
 */
export function reservedVpcRouteProblem(block: string): { severity: "error" | "warning"; message: string } | undefined {
    if (!contains(RESERVED_VPC_ROUTE_BLOCK, block)) {
        return undefined;
    }
    if (contains(block, RESERVED_VPC_ROUTE_BLOCK)) {
        return { severity: "error", message: `a VPC route to ${RESERVED_VPC_ROUTE_BLOCK} itself is refused: Alibaba reserves it for its own services (CreateRouteEntry).` };
    }
    if (overlaps(block, ALIBABA_SERVICE_BLOCK)) {
        return {
            severity: "error",
            message: `a VPC route to ${block} would send the VPC's traffic to Alibaba's own services (${ALIBABA_SERVICE_BLOCK}: DNS 100.100.2.136, metadata 100.100.100.200) away from them.`,
        };
    }
    return {
        severity: "warning",
        message: `${block} is inside ${RESERVED_VPC_ROUTE_BLOCK}: the English CreateRouteEntry reference refuses such a route, the 2024 Chinese reference accepts it; whether Alibaba creates it is unknown.`,
    };
}