// What an Azure VPN gateway's custom IPsec/IKE policy (ipsecPolicies on a virtual network gateway connection)
// accepts, mapped to Alibaba's spelling. Data only: the Azure end of a cloud link is not built yet (see README).
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
} as const;

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
 * send as its one ipsecPolicies entry (the component itself is not built yet).
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
