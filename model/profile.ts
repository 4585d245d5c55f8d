// The IKE/IPsec profile: everything both ends of a tunnel must agree on. One profile drives the
// Alibaba connection resource and the rendered config of the other end, so they cannot differ.
import {
    DH_GROUPS,
    DH_GROUP_INFO,
    DhGroup,
    ENCRYPTION_ALGORITHMS,
    EncryptionAlgorithm,
    IKE_ID_MAX_LENGTH,
    IKE_MODES,
    IKE_VERSIONS,
    INTEGRITY_ALGORITHMS,
    IPSEC_PFS_VALUES,
    IkeMode,
    IkeVersion,
    IntegrityAlgorithm,
    IpsecPfs,
    LIFETIME_MAX_SECONDS,
    LIFETIME_MIN_SECONDS,
} from "./alibaba";
import { Finding, allowedList } from "./findings";

export interface Phase1 {
    version: IkeVersion;
    mode: IkeMode;
    encryption: EncryptionAlgorithm;
    integrity: IntegrityAlgorithm;
    dhGroup: DhGroup;
    lifetimeSeconds: number;
}

export interface Phase2 {
    encryption: EncryptionAlgorithm;
    integrity: IntegrityAlgorithm;
    /** The DH group of the CHILD_SA / quick mode, or "disabled" for no PFS. */
    pfs: IpsecPfs;
    lifetimeSeconds: number;
}

export interface WeakCryptoOptIn {
    /** Why this link cannot use strong algorithms, e.g. "the office H3C ER3200G2 only offers DH2". Required. */
    reason: string;
}

export interface IpsecProfile {
    ike: Phase1;
    ipsec: Phase2;
    /** Dead peer detection. Alibaba enables it by default; the peer must agree (seed 000: H3C had it off). */
    dpd: boolean;
    /** NAT traversal (UDP 4500 encapsulation). */
    natTraversal: boolean;
    /** IKE identity of the Alibaba end; unset means its public IP address. */
    localId?: string;
    /** IKE identity of the peer end; unset means the customer gateway's public IP address. */
    remoteId?: string;
    /** Explicit opt-in for md5, des, group1 or group2. */
    weakCryptoOptIn?: WeakCryptoOptIn;
}

/** What a caller writes: any field may be left out and takes the secure default. */
export interface IpsecProfileInput {
    ike?: Partial<Phase1>;
    ipsec?: Partial<Phase2>;
    dpd?: boolean;
    natTraversal?: boolean;
    localId?: string;
    remoteId?: string;
    weakCryptoOptIn?: WeakCryptoOptIn;
}

/** Secure defaults every supported peer speaks: IKEv2, AES-256, SHA-256, MODP-2048 with PFS. */
export const DEFAULT_PROFILE: IpsecProfile = {
    ike: { version: "ikev2", mode: "main", encryption: "aes256", integrity: "sha256", dhGroup: "group14", lifetimeSeconds: 86400 },
    ipsec: { encryption: "aes256", integrity: "sha256", pfs: "group14", lifetimeSeconds: 3600 },
    dpd: true,
    natTraversal: true,
};

/** Refused unless the profile carries weakCryptoOptIn. */
export const WEAK_ENCRYPTION: readonly EncryptionAlgorithm[] = ["des"];
export const WEAK_INTEGRITY: readonly IntegrityAlgorithm[] = ["md5"];
export const WEAK_DH_GROUPS: readonly DhGroup[] = ["group1", "group2"];
/** Allowed, with a warning. */
export const LEGACY_ENCRYPTION: readonly EncryptionAlgorithm[] = ["3des"];
export const LEGACY_INTEGRITY: readonly IntegrityAlgorithm[] = ["sha1"];
export const LEGACY_DH_GROUPS: readonly DhGroup[] = ["group5"];

export interface ResolvedProfile {
    profile: IpsecProfile;
    findings: Finding[];
}

/**
 * Fills in defaults and validates against Alibaba's accepted values and the weak-crypto policy.
 * `path` is the dotted field prefix the user wrote ("links.office.profile"), `site` names the link.
 */
export function resolveProfile(input: IpsecProfileInput | undefined, path: string, site?: string): ResolvedProfile {
    const given = input ?? {};
    const profile: IpsecProfile = {
        ike: { ...DEFAULT_PROFILE.ike, ...stripUndefined(given.ike) },
        ipsec: { ...DEFAULT_PROFILE.ipsec, ...stripUndefined(given.ipsec) },
        dpd: given.dpd ?? DEFAULT_PROFILE.dpd,
        natTraversal: given.natTraversal ?? DEFAULT_PROFILE.natTraversal,
        ...(given.localId !== undefined ? { localId: given.localId } : {}),
        ...(given.remoteId !== undefined ? { remoteId: given.remoteId } : {}),
        ...(given.weakCryptoOptIn !== undefined ? { weakCryptoOptIn: given.weakCryptoOptIn } : {}),
    };
    return { profile, findings: validateProfile(profile, path, site) };
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
    const out: Partial<T> = {};
    for (const [k, v] of Object.entries(value ?? {})) {
        if (v !== undefined) {
            (out as Record<string, unknown>)[k] = v;
        }
    }
    return out;
}

/** Every problem of a complete profile, errors and warnings. */
export function validateProfile(profile: IpsecProfile, path: string, site?: string): Finding[] {
    const findings: Finding[] = [];
    const at = (field: string) => `${path}.${field}`;
    const oneOf = (field: string, value: unknown, allowed: readonly string[], what: string) => {
        if (!allowed.includes(value as string)) {
            findings.push({
                severity: "error",
                code: "profile.unsupported-value",
                site,
                field: at(field),
                value,
                allowed: allowedList(allowed),
                message: `Alibaba Cloud does not accept this ${what}.`,
                fix: `set ${at(field)} to one of ${allowedList(allowed)}.`,
            });
            return false;
        }
        return true;
    };
    const lifetime = (field: string, value: unknown) => {
        if (typeof value !== "number" || !Number.isInteger(value) || value < LIFETIME_MIN_SECONDS || value > LIFETIME_MAX_SECONDS) {
            findings.push({
                severity: "error",
                code: "profile.lifetime-out-of-range",
                site,
                field: at(field),
                value,
                allowed: `whole seconds from ${LIFETIME_MIN_SECONDS} to ${LIFETIME_MAX_SECONDS}`,
                message: "Alibaba Cloud accepts SA lifetimes from 0 to 86400 seconds.",
                fix: `set ${at(field)} to a whole number of seconds, at most ${LIFETIME_MAX_SECONDS} (86400 = 24 h).`,
            });
        }
    };

    oneOf("ike.version", profile.ike.version, IKE_VERSIONS, "IKE version");
    oneOf("ike.mode", profile.ike.mode, IKE_MODES, "IKE negotiation mode");
    const ikeEnc = oneOf("ike.encryption", profile.ike.encryption, ENCRYPTION_ALGORITHMS, "phase 1 encryption algorithm");
    const ikeInt = oneOf("ike.integrity", profile.ike.integrity, INTEGRITY_ALGORITHMS, "phase 1 integrity algorithm");
    const ikeDh = oneOf("ike.dhGroup", profile.ike.dhGroup, DH_GROUPS, "phase 1 DH group");
    lifetime("ike.lifetimeSeconds", profile.ike.lifetimeSeconds);
    const espEnc = oneOf("ipsec.encryption", profile.ipsec.encryption, ENCRYPTION_ALGORITHMS, "phase 2 encryption algorithm");
    const espInt = oneOf("ipsec.integrity", profile.ipsec.integrity, INTEGRITY_ALGORITHMS, "phase 2 integrity algorithm");
    const pfs = oneOf("ipsec.pfs", profile.ipsec.pfs, IPSEC_PFS_VALUES, "phase 2 PFS group");
    lifetime("ipsec.lifetimeSeconds", profile.ipsec.lifetimeSeconds);

    for (const [field, value] of [
        ["localId", profile.localId],
        ["remoteId", profile.remoteId],
    ] as const) {
        if (value !== undefined && (typeof value !== "string" || value.length === 0 || value.length > IKE_ID_MAX_LENGTH || /\s/.test(value))) {
            findings.push({
                severity: "error",
                code: "profile.bad-ike-id",
                site,
                field: at(field),
                value,
                allowed: `1 to ${IKE_ID_MAX_LENGTH} characters without spaces`,
                message: "Alibaba Cloud limits IKE identities to 100 characters.",
                fix: `shorten ${at(field)}, or leave it out to use the public IP address as the identity.`,
            });
        }
    }

    const optedIn = profile.weakCryptoOptIn !== undefined;
    if (optedIn && !(typeof profile.weakCryptoOptIn?.reason === "string" && profile.weakCryptoOptIn.reason.trim().length >= 10)) {
        findings.push({
            severity: "error",
            code: "profile.opt-in-without-reason",
            site,
            field: at("weakCryptoOptIn.reason"),
            value: profile.weakCryptoOptIn?.reason,
            message: "an opt-in to weak algorithms must say why (it is read in reviews).",
            fix: `set ${at("weakCryptoOptIn.reason")} to a sentence naming the peer's limitation, e.g. "the office H3C ER3200G2 offers only DH2".`,
        });
    }

    const weak = (field: string, value: string, strong: string, what: string) => {
        findings.push({
            severity: optedIn ? "warning" : "error",
            code: "profile.weak-crypto",
            site,
            field: at(field),
            value,
            message: optedIn
                ? `${what} is weak; allowed by weakCryptoOptIn ("${profile.weakCryptoOptIn?.reason}").`
                : `${what} is weak and refused without an explicit opt-in.`,
            fix: optedIn
                ? `move ${at(field)} to ${strong} once the peer supports it.`
                : `set ${at(field)} to ${strong} on both ends, or, if the peer can do no better, set ${at("weakCryptoOptIn.reason")} to say why.`,
        });
    };
    const legacy = (field: string, value: string, strong: string, what: string) => {
        findings.push({
            severity: "warning",
            code: "profile.legacy-crypto",
            site,
            field: at(field),
            value,
            message: `${what} is legacy and weaker than the default.`,
            fix: `set ${at(field)} to ${strong} when both ends support it.`,
        });
    };
    const dhName = (g: DhGroup) => `${g} (MODP-${DH_GROUP_INFO[g].modpBits})`;
    if (ikeEnc) checkAlgorithm("ike.encryption", profile.ike.encryption, WEAK_ENCRYPTION, LEGACY_ENCRYPTION, "aes256", (v) => v.toUpperCase());
    if (espEnc) checkAlgorithm("ipsec.encryption", profile.ipsec.encryption, WEAK_ENCRYPTION, LEGACY_ENCRYPTION, "aes256", (v) => v.toUpperCase());
    if (ikeInt) checkAlgorithm("ike.integrity", profile.ike.integrity, WEAK_INTEGRITY, LEGACY_INTEGRITY, "sha256", (v) => v.toUpperCase());
    if (espInt) checkAlgorithm("ipsec.integrity", profile.ipsec.integrity, WEAK_INTEGRITY, LEGACY_INTEGRITY, "sha256", (v) => v.toUpperCase());
    if (ikeDh) checkAlgorithm("ike.dhGroup", profile.ike.dhGroup, WEAK_DH_GROUPS, LEGACY_DH_GROUPS, "group14", (v) => dhName(v as DhGroup));
    if (pfs && profile.ipsec.pfs !== "disabled") {
        checkAlgorithm("ipsec.pfs", profile.ipsec.pfs, WEAK_DH_GROUPS, LEGACY_DH_GROUPS, "group14", (v) => dhName(v as DhGroup));
    }
    if (pfs && profile.ipsec.pfs === "disabled") {
        findings.push({
            severity: "warning",
            code: "profile.pfs-disabled",
            site,
            field: at("ipsec.pfs"),
            value: "disabled",
            message: "without PFS a compromised IKE key exposes every CHILD_SA derived from it.",
            fix: `set ${at("ipsec.pfs")} to group14 on both ends.`,
        });
    }
    if (profile.ike.mode === "aggressive") {
        findings.push({
            severity: "warning",
            code: "profile.aggressive-mode",
            site,
            field: at("ike.mode"),
            value: "aggressive",
            message: "IKEv1 aggressive mode sends a hash of the pre-shared key that can be cracked offline.",
            fix: `set ${at("ike.mode")} to main unless the peer has a dynamic address and needs aggressive mode.`,
        });
    }
    return findings;

    function checkAlgorithm(
        field: string,
        value: string,
        weakValues: readonly string[],
        legacyValues: readonly string[],
        strong: string,
        label: (v: string) => string,
    ) {
        if (weakValues.includes(value)) {
            weak(field, value, strong, label(value));
        } else if (legacyValues.includes(value)) {
            legacy(field, value, strong, label(value));
        }
    }
}

/** True when both profiles negotiate: every value both ends must agree on is equal. */
export function profilesMatch(a: IpsecProfile, b: IpsecProfile): boolean {
    return profileDifferences(a, b).length === 0;
}

/** The dotted paths where two profiles differ (weakCryptoOptIn is policy, not protocol, and not compared). */
export function profileDifferences(a: IpsecProfile, b: IpsecProfile): string[] {
    const diffs: string[] = [];
    for (const key of Object.keys(a.ike) as (keyof Phase1)[]) {
        if (a.ike[key] !== b.ike[key]) diffs.push(`ike.${key}`);
    }
    for (const key of Object.keys(a.ipsec) as (keyof Phase2)[]) {
        if (a.ipsec[key] !== b.ipsec[key]) diffs.push(`ipsec.${key}`);
    }
    for (const key of ["dpd", "natTraversal"] as const) {
        if (a[key] !== b[key]) diffs.push(key);
    }
    return diffs;
}
