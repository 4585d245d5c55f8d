// What Google Cloud HA VPN accepts from a peer, mapped to Alibaba's spelling. Data only: the GCP end of a cloud
// link is not built yet, because HA VPN tunnels need BGP with a Cloud Router and the library's Alibaba links are
// static (it waits for the BGP work; see README).
// Sources:
// - https://cloud.google.com/network-connectivity/docs/vpn/concepts/supported-ike-ciphers (the cipher tables; phase 1
//   lifetime 36,000 s and phase 2 lifetime 10,800 s, both fixed: Cloud VPN has no setting for them)
// - https://cloud.google.com/network-connectivity/docs/vpn/deprecations/cipher-changes (DH groups in use: MODP 1024,
//   1536, 2048 among others; group 22 dropped)
// - https://cloud.google.com/network-connectivity/docs/vpn/concepts/topologies (HA VPN to a peer with two
//   interfaces: external VPN gateway TWO_IPS_REDUNDANCY)
import { DhGroup, EncryptionAlgorithm, IntegrityAlgorithm } from "../alibaba";

export const GCP_SOURCES = {
    ciphers: "https://cloud.google.com/network-connectivity/docs/vpn/concepts/supported-ike-ciphers",
    cipherChanges: "https://cloud.google.com/network-connectivity/docs/vpn/deprecations/cipher-changes",
    topologies: "https://cloud.google.com/network-connectivity/docs/vpn/concepts/topologies",
} as const;

export const GCP_PHASE1_LIFETIME_SECONDS = 36000;
export const GCP_PHASE2_LIFETIME_SECONDS = 10800;

/** Alibaba values Cloud VPN lists (AES-CBC 128/192/256; 3DES and DES are left out: not confirmed in the current tables). */
export const GCP_ENCRYPTION: readonly EncryptionAlgorithm[] = ["aes", "aes192", "aes256"];
export const GCP_INTEGRITY: readonly IntegrityAlgorithm[] = ["md5", "sha1", "sha256", "sha384", "sha512"];
/** MODP 1024, 1536 and 2048 (groups 2, 5, 14); group 1 (MODP 768) is not offered. */
export const GCP_DH: readonly DhGroup[] = ["group2", "group5", "group14"];
/** The external VPN gateway for an Alibaba dual-tunnel gateway (two public addresses). */
export const GCP_REDUNDANCY_FOR_ALIBABA_DUAL_TUNNEL = "TWO_IPS_REDUNDANCY";
