// A pure check: do an existing peer's strongSwan config (swanctl.conf) and an Alibaba IPsec connection's
// parameters (in Alibaba's spelling, as the connection resource carries them) negotiate? The library never
// renders two different ends from one profile, but a peer config can be edited by hand or pre-exist; this
// check names what differs before any resource is created (or against a recorded connection), instead of
// leaving it to a NO_PROPOSAL_CHOSEN at 3 a.m. The interop lab (lab/scenarios/mismatch.ts) proves that
// what it refuses really fails to negotiate.
import { DH_GROUP_INFO, DhGroup, ENCRYPTION_INFO, EncryptionAlgorithm } from "../model/alibaba";
import { AlibabaIkeConfig, AlibabaIpsecConfig } from "../model/alibabaConnection";
import { Finding } from "../model/findings";

/** One connection of a swanctl.conf with what negotiation depends on. */
export interface SwanctlConnection {
    name: string;
    /** 1, 2, or 0 (swanctl.conf(5): 0 = any). */
    version: number;
    aggressive: boolean;
    /** IKE proposals as written (comma-separated list split). */
    proposals: string[];
    rekeyTime?: string;
    /** Hard IKE lifetime margin (swanctl.conf(5): default 10 % of rekey_time); IKEv1 proposes rekey_time + over_time. */
    overTime?: string;
    dpdDelay?: string;
    /** life_time: the hard CHILD_SA lifetime IKEv1 proposes (default rekey_time + 10 %). */
    children: Array<{ name: string; espProposals: string[]; rekeyTime?: string; lifeTime?: string }>;
}

/** A swanctl.conf duration (`3600`, `3600s`, `60m`, `1h`, `1d`) in seconds, or undefined when unreadable. */
export function durationSeconds(value: string | undefined): number | undefined {
    const match = /^(\d+)([smhd]?)$/.exec(value?.trim() ?? "");
    return match ? Number(match[1]) * { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as "" | "s" | "m" | "h" | "d"] : undefined;
}

/** The lifetime strongSwan proposes for a CHILD_SA: life_time, else rekey_time + 10 % (swanctl.conf(5), docs/notes.md). */
export function proposedChildLifetime(child: { rekeyTime?: string; lifeTime?: string }): number | undefined {
    const life = durationSeconds(child.lifeTime);
    const rekey = durationSeconds(child.rekeyTime);
    return life ?? (rekey === undefined ? undefined : Math.round(rekey * 1.1));
}

/** The IKE lifetime strongSwan proposes: rekey_time + over_time (default 10 % of rekey_time). */
export function proposedIkeLifetime(c: { rekeyTime?: string; overTime?: string }): number | undefined {
    const rekey = durationSeconds(c.rekeyTime);
    const over = durationSeconds(c.overTime);
    return rekey === undefined ? undefined : rekey + (over ?? Math.round(rekey * 0.1));
}

type Section = { [key: string]: string | Section };

/** Parses swanctl.conf's settings syntax (sections `name { }`, `key = value`, `#` comments) into a tree. */
export function parseSwanctlSettings(text: string): Section {
    const root: Section = {};
    const stack: Section[] = [root];
    for (const rawLine of text.split("\n")) {
        const line = rawLine.replace(/(^|\s)#.*$/, "").trim();
        if (!line) {
            continue;
        }
        let match: RegExpExecArray | null;
        if ((match = /^([^\s={}]+)\s*\{$/.exec(line))) {
            const section: Section = {};
            stack[stack.length - 1][match[1]] = section;
            stack.push(section);
        } else if (line === "}") {
            if (stack.length === 1) {
                throw new Error("swanctl.conf: unbalanced }");
            }
            stack.pop();
        } else if ((match = /^([^\s=]+)\s*=\s*(.*)$/.exec(line))) {
            stack[stack.length - 1][match[1]] = match[2].replace(/^"(.*)"$/, "$1");
        } else {
            throw new Error(`swanctl.conf: cannot read line "${line}"`);
        }
    }
    return root;
}

const list = (value: string | Section | undefined): string[] =>
    typeof value === "string" ? value.split(",").map((p) => p.trim()).filter(Boolean) : [];
const text = (value: string | Section | undefined): string | undefined => (typeof value === "string" ? value : undefined);

/** The connections of a swanctl.conf. Unset proposals mean strongSwan's defaults ("default"). */
export function parseSwanctlConnections(conf: string): SwanctlConnection[] {
    const connections = parseSwanctlSettings(conf).connections;
    if (!connections || typeof connections === "string") {
        return [];
    }
    return Object.entries(connections)
        .filter((entry): entry is [string, Section] => typeof entry[1] !== "string")
        .map(([name, c]) => {
            const children = typeof c.children === "object" ? c.children : {};
            return {
                name,
                version: Number(text(c.version) ?? 0),
                aggressive: text(c.aggressive) === "yes",
                proposals: list(c.proposals ?? "default"),
                rekeyTime: text(c.rekey_time),
                overTime: text(c.over_time),
                dpdDelay: text(c.dpd_delay),
                children: Object.entries(children)
                    .filter((entry): entry is [string, Section] => typeof entry[1] !== "string")
                    .map(([childName, child]) => ({
                        name: childName,
                        espProposals: list(child.esp_proposals ?? "default"),
                        rekeyTime: text(child.rekey_time),
                        lifeTime: text(child.life_time),
                    })),
            };
        });
}

/** A proposal's algorithms by kind, in strongSwan keywords. */
interface ProposalParts {
    text: string;
    encryption: string[];
    integrity: string[];
    dh: string[];
}

const ENCRYPTION_WORDS = /^(aes(128|192|256)?|3des|des|aes(128|192|256)?(gcm|ccm)\d*|chacha20poly1305|camellia\d*|blowfish\d*|cast128|null)$/;
const INTEGRITY_WORDS = /^(md5|sha1|sha256|sha384|sha512|sha2_256|sha2_384|sha2_512|aesxcbc|aescmac|md5_128|sha1_160|sha256_96)$/;
const DH_WORDS = /^(modp\d+s?\d*|ecp\d+(bp)?|curve25519|curve448|x25519|x448|none)$/;

function proposalParts(proposal: string): ProposalParts {
    const parts: ProposalParts = { text: proposal, encryption: [], integrity: [], dh: [] };
    for (const word of proposal.split("-")) {
        const w = word.toLowerCase();
        if (ENCRYPTION_WORDS.test(w)) parts.encryption.push(w === "aes" ? "aes128" : w);
        else if (INTEGRITY_WORDS.test(w)) parts.integrity.push(w.replace(/^sha2_/, "sha"));
        else if (DH_WORDS.test(w)) parts.dh.push(w);
        // prf*, esn/noesn and anything else do not decide these three.
    }
    return parts;
}

/** Alibaba spelling -> strongSwan keyword: Alibaba's "aes" is AES-128 (ENCRYPTION_INFO in model/alibaba.ts), groupN the RFC 2409/3526 MODP group. */
function swanEncryption(value: string): string {
    const info = ENCRYPTION_INFO[value as EncryptionAlgorithm];
    return info ? (info.family === "aes" ? `aes${info.keyBits}` : info.family) : value;
}
function swanDh(value: string): string {
    const info = DH_GROUP_INFO[value as DhGroup];
    return info ? `modp${info.modpBits}` : value;
}

export interface PeerProposalCheckOptions {
    /** The user's config prefix of the profile, e.g. "alicloud-vpn:hypermotion.office.profile". */
    path: string;
    site?: string;
    /** Only check these connections of the peer config (default: every connection). */
    connections?: string[];
}

/**
 * Compares an Alibaba connection's IKE and IPsec parameters with every connection of a peer swanctl.conf.
 * Errors: anything that makes negotiation fail (version, IKEv1 mode, an IKE or ESP proposal the other
 * end cannot accept, PFS on one end only). Warnings: lifetimes and DPD, which negotiate but behave
 * differently (in IKEv1 Quick Mode strongSwan accepts the peer's lifetime without failing: strongswan/strongswan,
 * src/libcharon/sa/ikev1/tasks/quick_mode.c).
 */
export function checkPeerProposals(ike: AlibabaIkeConfig, ipsec: AlibabaIpsecConfig, dpd: boolean, peerConf: string, options: PeerProposalCheckOptions): Finding[] {
    const findings: Finding[] = [];
    const at = (field: string) => `${options.path}.${field}`;
    const error = (connection: string, field: string, value: unknown, alibaba: string, fix: string) =>
        findings.push({
            severity: "error",
            code: "peer.proposal-mismatch",
            site: options.site,
            field: at(field),
            value,
            message: `the peer's swanctl.conf connection ${connection} cannot negotiate with the Alibaba connection (${alibaba}); the tunnel would fail with NO_PROPOSAL_CHOSEN or the equivalent.`,
            fix,
        });
    const warning = (connection: string, field: string, value: unknown, message: string, fix: string) =>
        findings.push({ severity: "warning", code: "peer.parameter-differs", site: options.site, field: at(field), value, message: `peer connection ${connection}: ${message}`, fix });
    const rerender = "re-render the peer config from the link's profile instead of editing it";

    const alibabaIke = { encryption: swanEncryption(ike.ikeEncAlg), integrity: ike.ikeAuthAlg, dh: swanDh(ike.ikePfs) };
    const alibabaEsp = { encryption: swanEncryption(ipsec.ipsecEncAlg), integrity: ipsec.ipsecAuthAlg, dh: ipsec.ipsecPfs === "disabled" ? "none" : swanDh(ipsec.ipsecPfs) };
    const connections = parseSwanctlConnections(peerConf).filter((c) => !options.connections || options.connections.includes(c.name));
    for (const c of connections) {
        const version = ike.ikeVersion === "ikev1" ? 1 : 2;
        if (c.version !== 0 && c.version !== version) {
            error(c.name, "ike.version", `ikev${c.version}`, `${ike.ikeVersion}`, `set the peer's version = ${version}, or ${at("ike.version")} to ikev${c.version}; ${rerender}.`);
            continue;
        }
        if (version === 1 && c.aggressive !== (ike.ikeMode === "aggressive")) {
            error(c.name, "ike.mode", c.aggressive ? "aggressive" : "main", `IKEv1 ${ike.ikeMode} mode`, `set aggressive = ${ike.ikeMode === "aggressive" ? "yes" : "no"} on the peer; ${rerender}.`);
        }
        // Each algorithm kind is compared against the peer proposal closest to Alibaba's (first one if none matches).
        const compare = (kind: "IKE" | "ESP", proposals: string[], want: { encryption: string; integrity: string; dh: string }, fields: { encryption: string; integrity: string; dh: string }) => {
            if (proposals.includes("default")) {
                return; // strongSwan's default list: too broad to judge here.
            }
            const parsed = proposals.map(proposalParts);
            const ok = (p: ProposalParts) => ({
                encryption: p.encryption.includes(want.encryption),
                integrity: p.integrity.length === 0 ? want.integrity === "" : p.integrity.includes(want.integrity),
                dh: want.dh === "none" ? p.dh.length === 0 || p.dh.includes("none") : p.dh.includes(want.dh),
            });
            if (parsed.some((p) => Object.values(ok(p)).every(Boolean))) {
                return;
            }
            const closest = parsed.sort((a, b) => Object.values(ok(b)).filter(Boolean).length - Object.values(ok(a)).filter(Boolean).length)[0];
            const result = ok(closest);
            const alibabaText = `${kind} ${want.encryption}-${want.integrity}${want.dh === "none" ? " without PFS" : `-${want.dh}`}`;
            for (const key of ["encryption", "integrity", "dh"] as const) {
                if (!result[key]) {
                    const peerValue = key === "dh" ? (closest.dh.length ? closest.dh.join("/") : "none") : closest[key].join("/");
                    error(c.name, fields[key], `${peerValue} (peer proposal ${closest.text})`, alibabaText, `make both ends use the same ${kind} ${key === "dh" ? "DH group" : key}: ${rerender}, or change ${at(fields[key])} if the peer cannot.`);
                }
            }
        };
        compare("IKE", c.proposals, alibabaIke, { encryption: "ike.encryption", integrity: "ike.integrity", dh: "ike.dhGroup" });
        for (const child of c.children) {
            compare("ESP", child.espProposals, alibabaEsp, { encryption: "ipsec.encryption", integrity: "ipsec.integrity", dh: "ipsec.pfs" });
            const childLife = proposedChildLifetime(child);
            if (childLife !== undefined && childLife !== Number(ipsec.ipsecLifetime)) {
                warning(
                    c.name,
                    "ipsec.lifetimeSeconds",
                    `${childLife}s`,
                    `proposes a CHILD_SA lifetime of ${childLife}s (life_time, default rekey_time + 10 %), Alibaba's lifetime is ${ipsec.ipsecLifetime}s.`,
                    `set life_time = ${ipsec.ipsecLifetime}s with rekey_time below it; ${rerender}.`,
                );
            }
        }
        const ikeLife = proposedIkeLifetime(c);
        if (ikeLife !== undefined && ikeLife !== Number(ike.ikeLifetime)) {
            warning(
                c.name,
                "ike.lifetimeSeconds",
                `${ikeLife}s`,
                `proposes an IKE lifetime of ${ikeLife}s (rekey_time + over_time, default 10 %), Alibaba's lifetime is ${ike.ikeLifetime}s.`,
                `set rekey_time + over_time = ${ike.ikeLifetime}s; ${rerender}.`,
            );
        }
        if (dpd !== (c.dpdDelay !== undefined && c.dpdDelay !== "0" && c.dpdDelay !== "0s")) {
            warning(c.name, "dpd", c.dpdDelay ?? "off", `DPD is ${dpd ? "on" : "off"} at Alibaba but ${c.dpdDelay ? "on" : "off"} here (seed 000: keep both ends the same).`, `set dpd_delay on the peer ${dpd ? "(e.g. 30s)" : "to 0"}; ${rerender}.`);
        }
    }
    return findings;
}
