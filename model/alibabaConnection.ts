// The one translation from an IpsecProfile to the fields of Alibaba's IPsec connection.
// The peer renderers read the same profile, so both ends are driven by one set of values.
import { IpsecProfile } from "./profile";

export interface AlibabaIkeConfig {
    ikeVersion: string;
    ikeMode: string;
    ikeEncAlg: string;
    ikeAuthAlg: string;
    ikePfs: string;
    ikeLifetime: number;
}

export interface AlibabaIpsecConfig {
    ipsecEncAlg: string;
    ipsecAuthAlg: string;
    ipsecPfs: string;
    ipsecLifetime: number;
}

/** Phase 1 fields. Every value is sent explicitly: Alibaba's API defaults are md5 and group2. */
export function alibabaIkeConfig(profile: IpsecProfile): AlibabaIkeConfig {
    return {
        ikeVersion: profile.ike.version,
        ikeMode: profile.ike.mode,
        ikeEncAlg: profile.ike.encryption,
        ikeAuthAlg: profile.ike.integrity,
        ikePfs: profile.ike.dhGroup,
        ikeLifetime: profile.ike.lifetimeSeconds,
    };
}

export function alibabaIpsecConfig(profile: IpsecProfile): AlibabaIpsecConfig {
    return {
        ipsecEncAlg: profile.ipsec.encryption,
        ipsecAuthAlg: profile.ipsec.integrity,
        ipsecPfs: profile.ipsec.pfs,
        ipsecLifetime: profile.ipsec.lifetimeSeconds,
    };
}
