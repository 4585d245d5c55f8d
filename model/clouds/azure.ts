// What an Azure VPN gateway's custom IPsec/IKE policy (ipsecPolicies on a virtual network gateway connection)
// accepts, mapped to Alibaba's spelling. The Azure end of a cloud link (azureLink.ts) sends
// azureIpsecPolicy(profile) as its connections' one ipsecPolicies entry.
// Sources:
// - values: the Microsoft.Network REST API's IpsecPolicy enums (IkeEncryption, IkeIntegrity, DhGroup, IpsecEncryption,
//   IpsecIntegrity, PfsGroup), as @pulumi/azure-native's network enums and azurerm's virtual_network_gateway_connection
//   ipsec_policy document them: https://learn.microsoft.com/en-us/rest/api/network-gateway/virtual-network-gateway-connections/create-or-update
// - rules: https://learn.microsoft.com/en-us/azure/vpn-gateway/ipsec-ike-policy-howto (custom policy on route-based
//   gateways; QM SA lifetime at least 300 s; the IKE main mode SA lifetime is fixed at 28,800 s),
//   https://learn.microsoft.com/en-us/azure/vpn-gateway/vpn-gateway-about-compliance-crypto
import { DhGroup, EncryptionAlgorithm, IntegrityAlgorithm, IpsecPfs } from "../alibaba";

export const AZURE_SOURCES = {
    policy: "https://learn.microsoft.com/en-us/azure/vpn-gateway/ipsec-ike-policy-howto",
    crypto: "https://learn.microsoft.com/en-us/azure/vpn-gateway/vpn-gateway-about-compliance-crypto",
    /** Several on-premises VPN devices (local network gateways) on one Azure gateway: BGP required. */
    highlyAvailable: "https://learn.microsoft.com/en-us/azure/vpn-gateway/vpn-gateway-highlyavailable",
    /** BGP: reserved ASNs, the APIPA range 169.254.21.0-169.254.22.255 for custom BGP addresses (FAQ, BGP section). */
    bgpFaq: "https://learn.microsoft.com/en-us/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp",
    bgpApipa: "https://learn.microsoft.com/en-us/azure/vpn-gateway/bgp-howto",
    /** Gateway SKUs: Basic has no BGP and no custom IPsec/IKE policy; the AZ SKUs are zone-redundant. */
    skus: "https://learn.microsoft.com/en-us/azure/vpn-gateway/about-gateway-skus",
    /** The gateway subnet "must be named GatewaySubnet". */
    gatewaySubnet: "https://learn.microsoft.com/en-us/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub",
    /** Resource group names: 1-90 characters, letters, digits, underscores, hyphens, periods, parentheses, not ending in a period. */
    naming: "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules#microsoftresources",
    /** Public regions (location names as `az account list-locations` prints them). */
    regions: "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    /** The connection's shared key: 1 to 128 characters (the shared key reset operation's key length range). */
    sharedKey: "https://learn.microsoft.com/en-us/rest/api/network-gateway/virtual-network-gateway-connections/set-shared-key",
    /** The REST API of the connection (ipsecPolicies, gatewayCustomBgpIpAddresses, connectionProtocol). */
    connectionApi: "https://learn.microsoft.com/en-us/rest/api/network-gateway/virtual-network-gateway-connections/create-or-update",
} as const;

/** Azure's public regions, location names (https://learn.microsoft.com/en-us/azure/reliability/regions-list). */
export const AZURE_LOCATIONS: readonly string[] = [
    "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast", "belgiumcentral", "brazilsouth",
    "brazilsoutheast", "canadacentral", "canadaeast", "centralindia", "centralus", "chilecentral", "eastasia", "eastus", "eastus2",
    "francecentral", "francesouth", "germanynorth", "germanywestcentral", "indonesiacentral", "israelcentral", "italynorth",
    "japaneast", "japanwest", "jioindiacentral", "jioindiawest", "koreacentral", "koreasouth", "malaysiawest", "mexicocentral",
    "newzealandnorth", "northcentralus", "northeurope", "norwayeast", "norwaywest", "polandcentral", "qatarcentral",
    "southafricanorth", "southafricawest", "southcentralus", "southindia", "southeastasia", "spaincentral", "swedencentral",
    "swedensouth", "switzerlandnorth", "switzerlandwest", "uaecentral", "uaenorth", "uksouth", "ukwest", "westcentralus",
    "westeurope", "westindia", "westus", "westus2", "westus3",
];

/**
 * Alibaba region ids a user may type for the Azure end by mistake, and the Azure region in the same city (Alibaba's
 * region list, https://www.alibabacloud.com/help/en/cloud-migration-guide-for-beginners/latest/regions-and-zones, and
 * Azure's above). cn-* regions other than Hong Kong have no public Azure region: Azure in China is a separate cloud.
 */
export const AZURE_LOCATION_FOR_ALIBABA_REGION: Record<string, string> = {
    "ap-southeast-1": "southeastasia", // Singapore
    "cn-hongkong": "eastasia", // Hong Kong
    "ap-northeast-1": "japaneast", // Tokyo
    "ap-northeast-2": "koreacentral", // Seoul
    "ap-southeast-2": "australiaeast", // Sydney
    "ap-southeast-3": "malaysiawest", // Kuala Lumpur
    "ap-southeast-5": "indonesiacentral", // Jakarta
    "ap-south-1": "westindia", // Mumbai
    "eu-central-1": "germanywestcentral", // Frankfurt
    "eu-west-1": "uksouth", // London
    "us-east-1": "eastus", // Virginia
    "us-west-1": "westus", // Silicon Valley / California
    "me-east-1": "uaenorth", // Dubai
};

/** Gateway SKUs a route-based gateway with BGP and a custom IPsec/IKE policy may use (about-gateway-skus). */
export const AZURE_VPN_SKUS: readonly string[] = [
    "VpnGw1", "VpnGw2", "VpnGw3", "VpnGw4", "VpnGw5", "VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ",
];
/** SKUs the API names that a cloud link cannot use, and why. */
export const AZURE_REFUSED_SKUS: Record<string, string> = {
    Basic: "the Basic SKU supports neither BGP nor custom IPsec/IKE policies (https://learn.microsoft.com/en-us/azure/vpn-gateway/about-gateway-skus)",
    Standard: "Standard is a legacy SKU that new gateways cannot use (https://learn.microsoft.com/en-us/azure/vpn-gateway/vpn-gateway-about-skus-legacy)",
    HighPerformance: "HighPerformance is a legacy SKU that new gateways cannot use (https://learn.microsoft.com/en-us/azure/vpn-gateway/vpn-gateway-about-skus-legacy)",
};
export const AZURE_DEFAULT_SKU = "VpnGw1AZ";

/** The Azure VPN gateway's default ASN. */
export const AZURE_DEFAULT_ASN = 65515;
/**
 * ASNs Azure reserves (VPN Gateway FAQ, BGP: "Are there ASNs reserved by Azure?"): public 8074, 8075, 12076 and
 * private 65515, 65517, 65518, 65519, 65520 (65516 is not among them), which on-premises devices may not use; 65515 is the Azure gateway's own default, so the Azure
 * side may keep it. And the ASNs IANA reserves, which Azure refuses on either side: 23456, 64496-64511, 65535-65551,
 * 4294967295.
 */
const AZURE_RESERVED_ASNS = [8074, 8075, 12076, 65515, 65517, 65518, 65519, 65520];

export function azureReservedAsn(asn: number, side: "azure" | "peer"): string | undefined {
    if (AZURE_RESERVED_ASNS.includes(asn) && !(side === "azure" && asn === AZURE_DEFAULT_ASN)) {
        return `Azure reserves ${asn} (8074, 8075, 12076, 65515 and 65517-65520 are Azure's own, ${AZURE_SOURCES.bgpFaq})`;
    }
    if (asn === 23456 || (asn >= 64496 && asn <= 64511) || (asn >= 65535 && asn <= 65551) || asn === 4294967295) {
        return `${asn} is reserved by IANA and Azure refuses it (23456, 64496-64511, 65535-65551, 4294967295; ${AZURE_SOURCES.bgpFaq})`;
    }
    return undefined;
}

/** Azure's custom BGP (APIPA) addresses for VPN gateways: 169.254.21.0 to 169.254.22.255. */
export const AZURE_APIPA_RANGE = { first: "169.254.21.0", last: "169.254.22.255", blocks: ["169.254.21.0/24", "169.254.22.0/24"] } as const;
export const AZURE_DEFAULT_BGP_TUNNEL_CIDRS: readonly string[] = ["169.254.21.0/30", "169.254.21.4/30"];

/** The connection's shared key: 1 to 128 printable ASCII characters (the character set is modelled). */
export const AZURE_PSK_LENGTH = { min: 1, max: 128 } as const;
export const AZURE_PSK_PATTERN = /^[\x21-\x7e]+$/;

// The API's enums, Azure's spelling.
export const AZURE_IKE_ENCRYPTION = ["DES", "DES3", "AES128", "AES192", "AES256", "GCMAES128", "GCMAES256"] as const;
export const AZURE_IKE_INTEGRITY = ["MD5", "SHA1", "SHA256", "SHA384", "GCMAES128", "GCMAES256"] as const;
export const AZURE_DH_GROUP = ["None", "DHGroup1", "DHGroup2", "DHGroup14", "DHGroup2048", "ECP256", "ECP384", "DHGroup24"] as const;
export const AZURE_IPSEC_ENCRYPTION = ["None", "DES", "DES3", "AES128", "AES192", "AES256", "GCMAES128", "GCMAES192", "GCMAES256"] as const;
export const AZURE_IPSEC_INTEGRITY = ["MD5", "SHA1", "SHA256", "GCMAES128", "GCMAES192", "GCMAES256"] as const;
export const AZURE_PFS_GROUP = ["None", "PFS1", "PFS2", "PFS2048", "ECP256", "ECP384", "PFS24", "PFS14", "PFSMM"] as const;

/** The IKE SA (main mode) lifetime Azure uses; it cannot be set. */
export const AZURE_IKE_SA_LIFETIME_SECONDS = 28800;
/** saLifeTimeSeconds: at least 300 (no maximum in the reference). */
export const AZURE_QM_SA_LIFETIME_MIN_SECONDS = 300;

// Alibaba's spelling -> Azure's (DHGroup14 and DHGroup2048 are the same MODP group; Azure names group14 PFS2048).
export const AZURE_ENCRYPTION_NAME: Partial<Record<EncryptionAlgorithm, string>> = {
    des: "DES",
    "3des": "DES3",
    aes: "AES128",
    aes192: "AES192",
    aes256: "AES256",
};
export const AZURE_IKE_INTEGRITY_NAME: Partial<Record<IntegrityAlgorithm, string>> = {
    md5: "MD5",
    sha1: "SHA1",
    sha256: "SHA256",
    sha384: "SHA384",
};
export const AZURE_IPSEC_INTEGRITY_NAME: Partial<Record<IntegrityAlgorithm, string>> = { md5: "MD5", sha1: "SHA1", sha256: "SHA256" };
export const AZURE_DH_NAME: Partial<Record<DhGroup, string>> = { group1: "DHGroup1", group2: "DHGroup2", group14: "DHGroup14" };
export const AZURE_PFS_NAME: Partial<Record<IpsecPfs, string>> = { disabled: "None", group1: "PFS1", group2: "PFS2", group14: "PFS2048" };

/** The ipsecPolicies entry of an Azure virtual network gateway connection, in the REST API's names. */
export interface AzureIpsecPolicy {
    ikeEncryption: string;
    ikeIntegrity: string;
    dhGroup: string;
    ipsecEncryption: string;
    ipsecIntegrity: string;
    pfsGroup: string;
    saLifeTimeSeconds: number;
    /** Azure requires a data size limit; 102400000 KB is its default. */
    saDataSizeKilobytes: number;
}

/**
 * The Azure side of a profile that passed checkCloudIntersection(AZURE, ...): what the Azure end of a cloud link will
 * send as its one ipsecPolicies entry.
 */
export function azureIpsecPolicy(profile: {
    ike: { encryption: EncryptionAlgorithm; integrity: IntegrityAlgorithm; dhGroup: DhGroup };
    ipsec: { encryption: EncryptionAlgorithm; integrity: IntegrityAlgorithm; pfs: IpsecPfs; lifetimeSeconds: number };
}): AzureIpsecPolicy {
    const name = <K extends string>(table: Partial<Record<K, string>>, value: K, field: string): string => {
        const out = table[value];
        if (!out) {
            throw new Error(`${field} = ${value} is outside what Azure accepts; run checkCloudIntersection(AZURE, ...) first`);
        }
        return out;
    };
    return {
        ikeEncryption: name(AZURE_ENCRYPTION_NAME, profile.ike.encryption, "ike.encryption"),
        ikeIntegrity: name(AZURE_IKE_INTEGRITY_NAME, profile.ike.integrity, "ike.integrity"),
        dhGroup: name(AZURE_DH_NAME, profile.ike.dhGroup, "ike.dhGroup"),
        ipsecEncryption: name(AZURE_ENCRYPTION_NAME, profile.ipsec.encryption, "ipsec.encryption"),
        ipsecIntegrity: name(AZURE_IPSEC_INTEGRITY_NAME, profile.ipsec.integrity, "ipsec.integrity"),
        pfsGroup: name(AZURE_PFS_NAME, profile.ipsec.pfs, "ipsec.pfs"),
        saLifeTimeSeconds: profile.ipsec.lifetimeSeconds,
        saDataSizeKilobytes: 102400000,
    };
}
