// The IKE/IPsec values both Alibaba Cloud and another cloud's VPN service accept, and the checker that refuses a
// profile outside them before anything is created: each finding names the field, both clouds' allowed values and
// the strongest common choice as the fix. The default profile of a cloud link is the strongest both accept.
import {
    DH_GROUPS,
    ENCRYPTION_ALGORITHMS,
    IKE_MODES,
    IKE_VERSIONS,
    INTEGRITY_ALGORITHMS,
    IPSEC_PFS_VALUES,
    LIFETIME_MAX_SECONDS,
    LIFETIME_MIN_SECONDS,
} from "../alibaba";
import { Finding, allowedList } from "../findings";
import { DEFAULT_PROFILE, IpsecProfile, IpsecProfileInput } from "../profile";
import { AWS_ACCEPTS, AWS_SOURCES } from "./aws";
import {
    AZURE_DH_NAME,
    AZURE_ENCRYPTION_NAME,
    AZURE_IKE_INTEGRITY_NAME,
    AZURE_IKE_SA_LIFETIME_SECONDS,
    AZURE_IPSEC_INTEGRITY_NAME,
    AZURE_PFS_NAME,
    AZURE_QM_SA_LIFETIME_MIN_SECONDS,
    AZURE_SOURCES,
} from "./azure";
import {
    GCP_DH,
    GCP_ENCRYPTION,
    GCP_INTEGRITY,
    GCP_PHASE1_LIFETIME_SECONDS,
    GCP_PHASE2_ENCRYPTION,
    GCP_PHASE2_INTEGRITY,
    GCP_PHASE2_LIFETIME_SECONDS,
    GCP_SOURCES,
} from "./gcp";

/** What a peer cloud accepts for each profile field, in Alibaba's spelling. */
export interface PeerCloudAccepts {
    /** "AWS", "Azure", "Google Cloud": for messages. */
    label: string;
    /** Where the values come from (public URL). */
    source: string;
    ikeVersion: readonly string[];
    ikeMode: readonly string[];
    phase1Encryption: readonly string[];
    phase1Integrity: readonly string[];
    phase1Dh: readonly string[];
    phase1Lifetime: { min: number; max: number };
    phase2Encryption: readonly string[];
    phase2Integrity: readonly string[];
    phase2Pfs: readonly string[];
    phase2Lifetime: { min: number; max: number };
}

export const AWS: PeerCloudAccepts = {
    label: "AWS",
    source: AWS_SOURCES.tunnelOptionsApi,
    ikeVersion: AWS_ACCEPTS.ikeVersion,
    ikeMode: AWS_ACCEPTS.ikeMode,
    phase1Encryption: AWS_ACCEPTS.encryption,
    phase1Integrity: AWS_ACCEPTS.integrity,
    phase1Dh: AWS_ACCEPTS.phase1Dh,
    phase1Lifetime: AWS_ACCEPTS.phase1Lifetime,
    phase2Encryption: AWS_ACCEPTS.encryption,
    phase2Integrity: AWS_ACCEPTS.integrity,
    phase2Pfs: AWS_ACCEPTS.phase2Pfs,
    phase2Lifetime: AWS_ACCEPTS.phase2Lifetime,
};

/** Azure VPN gateway with a custom ipsecPolicies entry (route-based gateway). */
export const AZURE: PeerCloudAccepts = {
    label: "Azure",
    source: AZURE_SOURCES.policy,
    ikeVersion: ["ikev1", "ikev2"],
    ikeMode: ["main"],
    phase1Encryption: Object.keys(AZURE_ENCRYPTION_NAME),
    phase1Integrity: Object.keys(AZURE_IKE_INTEGRITY_NAME),
    phase1Dh: Object.keys(AZURE_DH_NAME),
    phase1Lifetime: { min: AZURE_IKE_SA_LIFETIME_SECONDS, max: AZURE_IKE_SA_LIFETIME_SECONDS },
    phase2Encryption: Object.keys(AZURE_ENCRYPTION_NAME),
    phase2Integrity: Object.keys(AZURE_IPSEC_INTEGRITY_NAME),
    phase2Pfs: Object.keys(AZURE_PFS_NAME),
    phase2Lifetime: { min: AZURE_QM_SA_LIFETIME_MIN_SECONDS, max: Infinity },
};

/** Google Cloud HA VPN, IKEv2 tables (fixed lifetimes; PFS required; gcpLink.ts checks IKEv1's single suite). */
export const GCP: PeerCloudAccepts = {
    label: "Google Cloud",
    source: GCP_SOURCES.ciphers,
    ikeVersion: ["ikev1", "ikev2"],
    ikeMode: ["main"],
    phase1Encryption: GCP_ENCRYPTION,
    phase1Integrity: GCP_INTEGRITY,
    phase1Dh: GCP_DH,
    phase1Lifetime: { min: GCP_PHASE1_LIFETIME_SECONDS, max: GCP_PHASE1_LIFETIME_SECONDS },
    phase2Encryption: GCP_PHASE2_ENCRYPTION,
    phase2Integrity: GCP_PHASE2_INTEGRITY,
    phase2Pfs: GCP_DH,
    phase2Lifetime: { min: GCP_PHASE2_LIFETIME_SECONDS, max: GCP_PHASE2_LIFETIME_SECONDS },
};

export const PEER_CLOUDS = { aws: AWS, azure: AZURE, gcp: GCP } as const;

/** "900-28800 s", "28800 s" (fixed), "at least 300 s" (no maximum). */
function range(r: { min: number; max: number }): string {
    return r.max === Infinity ? `at least ${r.min} s` : r.min === r.max ? `${r.min} s` : `${r.min}-${r.max} s`;
}

// Strongest first; integrity puts sha256 first because it is the library's default (sha384/sha512 are accepted
// and no stronger in practice as HMACs truncated to half their size).
const PREFERENCE = {
    version: ["ikev2", "ikev1"],
    mode: ["main", "aggressive"],
    encryption: ["aes256", "aes192", "aes", "3des", "des"],
    integrity: ["sha256", "sha384", "sha512", "sha1", "md5"],
    dh: ["group14", "group5", "group2", "group1"],
    pfs: ["group14", "group5", "group2", "group1", "disabled"],
};

interface FieldRule {
    field: string;
    what: string;
    alibaba: readonly string[];
    peer: (c: PeerCloudAccepts) => readonly string[];
    preference: readonly string[];
    get: (p: IpsecProfile) => string;
}

const FIELDS: FieldRule[] = [
    {
        field: "ike.version",
        what: "IKE version",
        alibaba: IKE_VERSIONS,
        peer: (c) => c.ikeVersion,
        preference: PREFERENCE.version,
        get: (p) => p.ike.version,
    },
    {
        field: "ike.mode",
        what: "IKE negotiation mode",
        alibaba: IKE_MODES,
        peer: (c) => c.ikeMode,
        preference: PREFERENCE.mode,
        get: (p) => p.ike.mode,
    },
    {
        field: "ike.encryption",
        what: "phase 1 encryption algorithm",
        alibaba: ENCRYPTION_ALGORITHMS,
        peer: (c) => c.phase1Encryption,
        preference: PREFERENCE.encryption,
        get: (p) => p.ike.encryption,
    },
    {
        field: "ike.integrity",
        what: "phase 1 integrity algorithm",
        alibaba: INTEGRITY_ALGORITHMS,
        peer: (c) => c.phase1Integrity,
        preference: PREFERENCE.integrity,
        get: (p) => p.ike.integrity,
    },
    {
        field: "ike.dhGroup",
        what: "phase 1 DH group",
        alibaba: DH_GROUPS,
        peer: (c) => c.phase1Dh,
        preference: PREFERENCE.dh,
        get: (p) => p.ike.dhGroup,
    },
    {
        field: "ipsec.encryption",
        what: "phase 2 encryption algorithm",
        alibaba: ENCRYPTION_ALGORITHMS,
        peer: (c) => c.phase2Encryption,
        preference: PREFERENCE.encryption,
        get: (p) => p.ipsec.encryption,
    },
    {
        field: "ipsec.integrity",
        what: "phase 2 integrity algorithm",
        alibaba: INTEGRITY_ALGORITHMS,
        peer: (c) => c.phase2Integrity,
        preference: PREFERENCE.integrity,
        get: (p) => p.ipsec.integrity,
    },
    {
        field: "ipsec.pfs",
        what: "phase 2 PFS group",
        alibaba: IPSEC_PFS_VALUES,
        peer: (c) => c.phase2Pfs,
        preference: PREFERENCE.pfs,
        get: (p) => p.ipsec.pfs,
    },
];

/** The values of one field both clouds accept, strongest first. */
export function commonValues(cloud: PeerCloudAccepts, field: string): string[] {
    const rule = FIELDS.find((f) => f.field === field);
    if (!rule) {
        throw new Error(`unknown profile field ${field}`);
    }
    const peer = rule.peer(cloud);
    return rule.preference.filter((v) => rule.alibaba.includes(v) && peer.includes(v));
}

/** The lifetime range both clouds accept, seconds. */
export function commonLifetime(cloud: PeerCloudAccepts, phase: 1 | 2): { min: number; max: number } {
    const peer = phase === 1 ? cloud.phase1Lifetime : cloud.phase2Lifetime;
    return { min: Math.max(LIFETIME_MIN_SECONDS, peer.min), max: Math.min(LIFETIME_MAX_SECONDS, peer.max) };
}

/**
 * The default profile of a link to `cloud`: the library's secure default with every field moved to the strongest
 * value both clouds accept (for AWS: IKEv2, aes256, sha256, group14, PFS group14, lifetimes 28800 s and 3600 s).
 */
export function cloudDefaultProfile(cloud: PeerCloudAccepts): IpsecProfile {
    const pick = (field: string) => commonValues(cloud, field)[0];
    const clamp = (value: number, phase: 1 | 2) => {
        const range = commonLifetime(cloud, phase);
        return Math.min(Math.max(value, range.min), range.max);
    };
    return {
        ...DEFAULT_PROFILE,
        ike: {
            version: pick("ike.version") as IpsecProfile["ike"]["version"],
            mode: pick("ike.mode") as IpsecProfile["ike"]["mode"],
            encryption: pick("ike.encryption") as IpsecProfile["ike"]["encryption"],
            integrity: pick("ike.integrity") as IpsecProfile["ike"]["integrity"],
            dhGroup: pick("ike.dhGroup") as IpsecProfile["ike"]["dhGroup"],
            lifetimeSeconds: clamp(DEFAULT_PROFILE.ike.lifetimeSeconds, 1),
        },
        ipsec: {
            encryption: pick("ipsec.encryption") as IpsecProfile["ipsec"]["encryption"],
            integrity: pick("ipsec.integrity") as IpsecProfile["ipsec"]["integrity"],
            pfs: pick("ipsec.pfs") as IpsecProfile["ipsec"]["pfs"],
            lifetimeSeconds: clamp(DEFAULT_PROFILE.ipsec.lifetimeSeconds, 2),
        },
    };
}

/** What the caller wrote, over the cloud's default profile (the form resolveProfile takes). */
export function cloudProfileInput(cloud: PeerCloudAccepts, given: IpsecProfileInput | undefined): IpsecProfileInput {
    const base = cloudDefaultProfile(cloud);
    const defined = <T extends object>(o: T | undefined) => Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined));
    return {
        ...given,
        ike: { ...base.ike, ...defined(given?.ike) },
        ipsec: { ...base.ipsec, ...defined(given?.ipsec) },
    };
}

/**
 * Every field of `profile` outside what both Alibaba and `cloud` accept. Values Alibaba itself refuses are left to
 * validateProfile (profile.unsupported-value); this reports what Alibaba accepts and the other cloud does not.
 */
export function checkCloudIntersection(cloud: PeerCloudAccepts, profile: IpsecProfile, path: string, site?: string): Finding[] {
    const findings: Finding[] = [];
    const at = (field: string) => `${path}.${field}`;
    for (const rule of FIELDS) {
        const value = rule.get(profile);
        const peer = rule.peer(cloud);
        if (!rule.alibaba.includes(value) || peer.includes(value)) {
            continue;
        }
        const both = commonValues(cloud, rule.field);
        findings.push({
            severity: "error",
            code: "cloud.outside-intersection",
            site,
            field: at(rule.field),
            value,
            allowed: `Alibaba Cloud: ${allowedList(rule.alibaba)}; ${cloud.label}: ${allowedList(peer)}; both: ${allowedList(both)}`,
            message: `${cloud.label} does not accept this ${rule.what} (${cloud.source}), so the tunnel would fail to negotiate.`,
            fix: `set ${at(rule.field)} to ${both[0]}, the strongest value both Alibaba Cloud and ${cloud.label} accept.`,
        });
    }
    for (const phase of [1, 2] as const) {
        const field = phase === 1 ? "ike.lifetimeSeconds" : "ipsec.lifetimeSeconds";
        const value = phase === 1 ? profile.ike.lifetimeSeconds : profile.ipsec.lifetimeSeconds;
        const peer = phase === 1 ? cloud.phase1Lifetime : cloud.phase2Lifetime;
        const both = commonLifetime(cloud, phase);
        if (
            typeof value !== "number" ||
            value < LIFETIME_MIN_SECONDS ||
            value > LIFETIME_MAX_SECONDS ||
            (value >= peer.min && value <= peer.max)
        ) {
            continue;
        }
        const suggestion = Math.min(Math.max(value, both.min), both.max);
        findings.push({
            severity: "error",
            code: "cloud.outside-intersection",
            site,
            field: at(field),
            value,
            allowed: `Alibaba Cloud: ${LIFETIME_MIN_SECONDS}-${LIFETIME_MAX_SECONDS} s; ${cloud.label}: ${range(peer)}; both: ${range(both)}`,
            message:
                peer.min === peer.max
                    ? `${cloud.label}'s phase ${phase} lifetime is fixed at ${peer.min} seconds (${cloud.source}); the Alibaba end must use the same.`
                    : `${cloud.label} accepts a phase ${phase} lifetime ${peer.max === Infinity ? `of at least ${peer.min}` : `from ${peer.min} to ${peer.max}`} seconds only (${cloud.source}).`,
            fix:
                both.min === both.max
                    ? `set ${at(field)} to ${both.min}.`
                    : `set ${at(field)} to ${suggestion}, the ${suggestion === both.max ? "longest" : "shortest"} lifetime both Alibaba Cloud and ${cloud.label} accept.`,
        });
    }
    return findings;
}
