// What AWS Site-to-Site VPN accepts, in AWS's spelling and mapped to Alibaba's, with the public sources.
// The intersection with Alibaba's values (model/alibaba.ts) is what a cloud link may use: cloudIntersection.ts
// checks a profile against it before anything is created. Pure data, no Pulumi.
import { DhGroup, EncryptionAlgorithm, IkeMode, IkeVersion, IntegrityAlgorithm, IpsecPfs } from "../alibaba";

export const AWS_SOURCES = {
    /** The tunnel options: algorithms, DH groups, lifetimes, PSK characters, inside CIDRs and the reserved /30s. */
    tunnelOptions: "https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html",
    /** The API's constraints, word for word: Phase1LifetimeSeconds 900-28800, Phase2LifetimeSeconds 900-3600, PreSharedKey. */
    tunnelOptionsApi: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnTunnelOptionsSpecification.html",
    modifyTunnelOptionsApi: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpnTunnelOptionsSpecification.html",
    /** One customer gateway address per VPN connection, two tunnels per connection. */
    customerGateway: "https://docs.aws.amazon.com/vpn/latest/s2svpn/your-cgw.html",
    /** Regions: the @pulumi/aws Region enum (provider file types/enums/index.d.ts, @pulumi/aws 7.48.0). */
    regions: "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    /** The Pulumi resource and its tunnel1... and tunnel2... inputs. */
    pulumiVpnConnection: "https://www.pulumi.com/registry/packages/aws/api-docs/ec2/vpnconnection/",
} as const;

/** Every region of @pulumi/aws 7.48.0's Region enum (types/enums/index.d.ts). */
export const AWS_REGIONS: readonly string[] = [
    "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
    "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
    "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
    "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1",
    "us-west-2", "cn-north-1", "cn-northwest-1", "eusc-de-east-1", "us-gov-east-1", "us-gov-west-1", "us-iso-east-1", "us-iso-west-1",
    "us-isob-east-1", "us-isob-west-1", "eu-isoe-west-1", "us-isof-east-1", "us-isof-south-1",
];

/**
 * Alibaba region ids a user may type for the AWS end by mistake, and the AWS region in the same city
 * (AWS's region list above; Alibaba's from its endpoint list).
 */
export const AWS_REGION_FOR_ALIBABA_REGION: Record<string, string> = {
    "cn-beijing": "cn-north-1",
    "cn-hongkong": "ap-east-1",
    "cn-shanghai": "cn-northwest-1",
    "ap-southeast-1": "ap-southeast-1",
    "ap-southeast-3": "ap-southeast-5",
    "ap-southeast-5": "ap-southeast-3",
    "ap-northeast-1": "ap-northeast-1",
    "eu-central-1": "eu-central-1",
    "eu-west-1": "eu-west-2",
    "us-east-1": "us-east-1",
    "us-west-1": "us-west-1",
};

// The API's valid values (API_VpnTunnelOptionsSpecification), in AWS's spelling.
export const AWS_ENCRYPTION = ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"] as const;
export const AWS_INTEGRITY = ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"] as const;
export const AWS_PHASE1_DH = [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24] as const;
export const AWS_PHASE2_DH = [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24] as const;
export const AWS_IKE_VERSIONS = ["ikev1", "ikev2"] as const;

/** Phase 1 lifetime, seconds (API: "A value between 900 and 28,800", default 28800). */
export const AWS_PHASE1_LIFETIME = { min: 900, max: 28800, default: 28800 } as const;
/** Phase 2 lifetime, seconds (API: "A value between 900 and 3,600", default 3600). */
export const AWS_PHASE2_LIFETIME = { min: 900, max: 3600, default: 3600 } as const;

/** PreSharedKey: "alphanumeric characters, periods (.), and underscores (_) ... between 8 and 64 characters ... cannot start with zero (0)". */
export const AWS_PSK_PATTERN = /^[A-Za-z0-9._]{8,64}$/;
export const AWS_PSK_LENGTH = { min: 8, max: 64 } as const;

/** TunnelInsideCidr: "A size /30 CIDR block from the 169.254.0.0/16 range", these reserved. */
export const AWS_INSIDE_CIDR_RANGE = "169.254.0.0/16";
export const AWS_RESERVED_INSIDE_CIDRS: readonly string[] = [
    "169.254.0.0/30",
    "169.254.1.0/30",
    "169.254.2.0/30",
    "169.254.3.0/30",
    "169.254.4.0/30",
    "169.254.5.0/30",
    "169.254.169.252/30",
];

/** Two tunnels (two AWS outside addresses) per VPN connection; one customer gateway address per connection. */
export const AWS_TUNNELS_PER_CONNECTION = 2;

// Alibaba's spelling -> AWS's. Only values both clouds name appear; the rest are outside the intersection.
export const AWS_ENCRYPTION_NAME: Partial<Record<EncryptionAlgorithm, (typeof AWS_ENCRYPTION)[number]>> = {
    aes: "AES128",
    aes256: "AES256",
};
export const AWS_INTEGRITY_NAME: Partial<Record<IntegrityAlgorithm, (typeof AWS_INTEGRITY)[number]>> = {
    sha1: "SHA1",
    sha256: "SHA2-256",
    sha384: "SHA2-384",
    sha512: "SHA2-512",
};
const DH_NUMBER: Record<DhGroup, number> = { group1: 1, group2: 2, group5: 5, group14: 14 };

/** AWS's values for each profile field, in Alibaba's spelling (what the checker intersects). */
export const AWS_ACCEPTS = {
    ikeVersion: [...AWS_IKE_VERSIONS] as IkeVersion[],
    /** AWS endpoints negotiate IKEv1 in main mode only (the generic customer gateway configuration AWS generates sets main mode). */
    ikeMode: ["main"] as IkeMode[],
    encryption: Object.keys(AWS_ENCRYPTION_NAME) as EncryptionAlgorithm[],
    integrity: Object.keys(AWS_INTEGRITY_NAME) as IntegrityAlgorithm[],
    phase1Dh: (Object.keys(DH_NUMBER) as DhGroup[]).filter((g) => (AWS_PHASE1_DH as readonly number[]).includes(DH_NUMBER[g])),
    /** AWS has no "no PFS": phase 2 always runs a DH exchange with one of its groups. */
    phase2Pfs: (Object.keys(DH_NUMBER) as DhGroup[]).filter((g) =>
        (AWS_PHASE2_DH as readonly number[]).includes(DH_NUMBER[g]),
    ) as IpsecPfs[],
    phase1Lifetime: AWS_PHASE1_LIFETIME,
    phase2Lifetime: AWS_PHASE2_LIFETIME,
};

export function awsDhNumber(group: DhGroup | IpsecPfs): number {
    return DH_NUMBER[group as DhGroup];
}
