// IPv4 CIDR helpers over ipaddr.js (the parser Express and many others rely on).
// Only IPv4: Alibaba's IPsec connections and VPN routes take IPv4 CIDR blocks.
import * as ipaddr from "ipaddr.js";

export interface Cidr {
    /** The canonical text, e.g. "10.16.0.0/16". */
    readonly text: string;
    readonly network: ipaddr.IPv4;
    readonly prefix: number;
    /** First and last address as unsigned 32-bit integers, for range arithmetic. */
    readonly first: number;
    readonly last: number;
}

function toUint(address: ipaddr.IPv4): number {
    return address.octets.reduce((acc, octet) => acc * 256 + octet, 0);
}

// The checks compare every route with every selector of large topologies (50 spokes: thousands of blocks,
// millions of comparisons) on a few hundred distinct strings: parse each once. Cidr values are immutable.
const MAX_CACHED = 10_000;
const syntaxErrors = new Map<string, string | undefined>();
const parsedBlocks = new Map<string, Cidr>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
    if (cache.size >= MAX_CACHED) {
        cache.clear();
    }
    cache.set(key, value);
    return value;
}

/** Why `text` is not an IPv4 CIDR block, or undefined when it is one (host bits may be set). */
export function cidrSyntaxError(text: string): string | undefined {
    if (typeof text === "string" && syntaxErrors.has(text)) {
        return syntaxErrors.get(text);
    }
    const problem = syntaxProblem(text);
    return typeof text === "string" ? remember(syntaxErrors, text, problem) : problem;
}

function syntaxProblem(text: string): string | undefined {
    if (typeof text !== "string" || !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text)) {
        return "expected an IPv4 CIDR block such as 10.0.0.0/16";
    }
    if (!ipaddr.IPv4.isValidFourPartDecimal(text.split("/")[0])) {
        return "the address part is not a valid IPv4 address";
    }
    const prefix = Number(text.split("/")[1]);
    if (prefix > 32) {
        return "the prefix length must be between 0 and 32";
    }
    return undefined;
}

/** Parses an IPv4 CIDR block. Throws on bad syntax; host bits are allowed here (see `hasHostBits`). */
export function parseCidr(text: string): Cidr {
    return parsedBlocks.get(text) ?? remember(parsedBlocks, text, parseUncached(text));
}

function parseUncached(text: string): Cidr {
    const problem = cidrSyntaxError(text);
    if (problem) {
        throw new Error(`"${text}" is not a CIDR block: ${problem}`);
    }
    const prefix = ipaddr.IPv4.parseCIDR(text)[1];
    const network = ipaddr.IPv4.networkAddressFromCIDR(text);
    const broadcast = ipaddr.IPv4.broadcastAddressFromCIDR(text);
    return {
        text: `${network.toString()}/${prefix}`,
        network,
        prefix,
        first: toUint(network),
        last: toUint(broadcast),
    };
}

/** True when the address part has bits set beyond the prefix (10.1.2.3/16): Alibaba rejects such blocks. */
export function hasHostBits(text: string): boolean {
    return parseCidr(text).text !== text;
}

export function overlaps(a: string, b: string): boolean {
    const x = parseCidr(a);
    const y = parseCidr(b);
    return x.first <= y.last && y.first <= x.last;
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: string, inner: string): boolean {
    const o = parseCidr(outer);
    const i = parseCidr(inner);
    return o.first <= i.first && i.last <= o.last;
}

/** True when the single address `ip` lies in `cidr`. */
export function containsAddress(cidr: string, ip: string): boolean {
    return ipaddr.IPv4.parse(ip).match(ipaddr.IPv4.parseCIDR(cidr));
}

/** True when `inner` is covered by at least one block of `outers`. */
export function coveredBy(outers: readonly string[], inner: string): boolean {
    return outers.some((outer) => contains(outer, inner));
}

export function isIpv4Address(text: string): boolean {
    return typeof text === "string" && ipaddr.IPv4.isValidFourPartDecimal(text);
}

/** Dotted netmask of a CIDR block, for vendor CLIs that want "255.255.0.0". */
export function netmask(text: string): string {
    return ipaddr.IPv4.subnetMaskFromPrefixLength(parseCidr(text).prefix).toString();
}

/** Cisco-style wildcard mask ("0.0.255.255") of a CIDR block. */
export function wildcardMask(text: string): string {
    const mask = ipaddr.IPv4.subnetMaskFromPrefixLength(parseCidr(text).prefix);
    return mask.octets.map((octet) => 255 - octet).join(".");
}

/** Network address of a CIDR block ("10.16.0.0"). */
export function networkAddress(text: string): string {
    return parseCidr(text).network.toString();
}

/** The address `offset` after a block's network address ("169.254.21.0/30", 2 -> "169.254.21.2"). */
export function addressInBlock(text: string, offset: number): string {
    const value = parseCidr(text).first + offset;
    return ipaddr.fromByteArray([value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]).toString();
}

export function prefixLength(text: string): number {
    return parseCidr(text).prefix;
}

/** Every pair of blocks in `blocks` that overlap, as index pairs. */
export function overlappingPairs(blocks: readonly string[]): Array<[number, number]> {
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < blocks.length; i++) {
        for (let j = i + 1; j < blocks.length; j++) {
            if (overlaps(blocks[i], blocks[j])) {
                pairs.push([i, j]);
            }
        }
    }
    return pairs;
}

/** Dotted text of an unsigned 32-bit address. */
function uintToAddress(value: number): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** The fewest CIDR blocks that exactly cover the addresses first..last (inclusive, unsigned 32-bit). */
function rangeToCidrs(first: number, last: number): string[] {
    const blocks: string[] = [];
    let start = first;
    while (start <= last) {
        // The largest block aligned on `start` that does not run past `last`.
        let size = 1;
        while (size < 2 ** 32 && start % (size * 2) === 0 && start + size * 2 - 1 <= last) {
            size *= 2;
        }
        blocks.push(`${uintToAddress(start)}/${32 - Math.log2(size)}`);
        start += size;
    }
    return blocks;
}

/**
 * The fewest CIDR blocks covering exactly the union of `blocks` (adjacent and overlapping blocks merge):
 * ["10.0.0.0/16", "10.1.0.0/16"] -> ["10.0.0.0/15"]. Connection selectors take at most 10 blocks, so
 * contiguous address plans summarise. (cidr-tools does this too, but only as ESM for Node >= 22.)
 */
export function mergeCidrs(blocks: readonly string[]): string[] {
    const ranges = blocks.map(parseCidr).sort((a, b) => a.first - b.first || b.last - a.last);
    const merged: Array<{ first: number; last: number }> = [];
    for (const { first, last } of ranges) {
        const tail = merged[merged.length - 1];
        if (tail && first <= tail.last + 1) {
            tail.last = Math.max(tail.last, last);
        } else {
            merged.push({ first, last });
        }
    }
    return merged.flatMap(({ first, last }) => rangeToCidrs(first, last));
}

/** True when the blocks of `outers` together cover every address of `inner` (10.0.0.0/24 + 10.0.1.0/24 cover 10.0.0.0/23). */
export function coveredByUnion(outers: readonly string[], inner: string): boolean {
    const target = parseCidr(inner);
    const ranges = outers
        .map((o) => parseCidr(o))
        .filter((o) => o.last >= target.first && o.first <= target.last)
        .sort((a, b) => a.first - b.first);
    let next = target.first;
    for (const range of ranges) {
        if (range.first > next) {
            return false;
        }
        next = Math.max(next, range.last + 1);
        if (next > target.last) {
            return true;
        }
    }
    return false;
}

/** The smallest single block containing every block of `blocks` (for IKEv1, which carries one selector). */
export function supernet(blocks: readonly string[]): string {
    const parsed = blocks.map((b) => parseCidr(b));
    const first = Math.min(...parsed.map((p) => p.first));
    const last = Math.max(...parsed.map((p) => p.last));
    for (let prefix = 32; prefix >= 0; prefix--) {
        const size = 2 ** (32 - prefix);
        const start = Math.floor(first / size) * size;
        if (start + size - 1 >= last) {
            return `${uintToAddress(start)}/${prefix}`;
        }
    }
    return "0.0.0.0/0";
}

/** The first of `candidates` that overlaps none of `used`, or undefined. */
export function firstFreeBlock(candidates: readonly string[], used: readonly string[]): string | undefined {
    return candidates.find((c) => !used.some((u) => overlaps(c, u)));
}

/** The private ranges (RFC 1918) a suggested block is taken from, in the order they are tried. */
const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

/**
 * The first block of length `prefix` in the private ranges that overlaps none of `used` (unparsable entries ignored),
 * for a fix's "e.g.": freePrivateBlock(24, ["10.0.0.0/16"]) -> "10.1.0.0/24". Undefined when none is free.
 */
export function freePrivateBlock(prefix: number, used: readonly string[]): string | undefined {
    const blocks = used.filter((u) => cidrSyntaxError(u) === undefined).map(parseCidr);
    const size = 2 ** (32 - Math.min(32, Math.max(8, prefix)));
    for (const range of PRIVATE_RANGES.map(parseCidr)) {
        if (size > range.last - range.first + 1) {
            continue;
        }
        let first = range.first;
        while (first + size - 1 <= range.last) {
            const last = first + size - 1;
            const hit = blocks.find((b) => b.first <= last && first <= b.last);
            if (!hit) {
                return `${uintToAddress(first)}/${32 - Math.log2(size)}`;
            }
            // Jump past the block in the way, aligned on `size`.
            first = Math.ceil((hit.last + 1) / size) * size;
        }
    }
    return undefined;
}

/** True for a public unicast IPv4 address; RFC 5737 documentation blocks count as public (they stand in for real ones). */
export function isPublicIpv4(ip: string): boolean {
    if (!isIpv4Address(ip)) {
        return false;
    }
    const documentation = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"].some((b) => containsAddress(b, ip));
    return documentation || ipaddr.IPv4.parse(ip).range() === "unicast";
}

const RANGE_NAMES: Record<string, string> = {
    private: "a private address (RFC 1918)",
    carrierGradeNat: "a shared address (100.64.0.0/10, carrier-grade NAT)",
    loopback: "a loopback address",
    linkLocal: "a link-local address",
    multicast: "a multicast address",
    unspecified: "the unspecified address",
    broadcast: "the broadcast address",
    reserved: "a reserved address",
    unicast: "a public address",
};

/** What kind of address `ip` is, for messages: "a private address (RFC 1918)", "a loopback address", ... */
export function addressRange(ip: string): string {
    if (!isIpv4Address(ip)) {
        return "not an IPv4 address";
    }
    const range = ipaddr.IPv4.parse(ip).range();
    return RANGE_NAMES[range] ?? `a ${range} address`;
}

/**
 * The fewest CIDR blocks covering the addresses of `blocks` that are in none of `holes`:
 * excludeCidrs(["10.0.0.0/8"], ["10.5.0.0/16"]) -> 10.0.0.0/14, 10.4.0.0/16, 10.6.0.0/15, 10.8.0.0/13, ...
 * (at most 2 x (hole prefix - block prefix) blocks per hole). A summary route minus a VPC's own block.
 */
export function excludeCidrs(blocks: readonly string[], holes: readonly string[]): string[] {
    let ranges = mergeCidrs(blocks).map((b) => ({ first: parseCidr(b).first, last: parseCidr(b).last }));
    for (const hole of mergeCidrs(holes).map((h) => parseCidr(h))) {
        ranges = ranges.flatMap((r) => {
            if (hole.last < r.first || hole.first > r.last) {
                return [r];
            }
            return [
                ...(hole.first > r.first ? [{ first: r.first, last: hole.first - 1 }] : []),
                ...(hole.last < r.last ? [{ first: hole.last + 1, last: r.last }] : []),
            ];
        });
    }
    return ranges.flatMap(({ first, last }) => rangeToCidrs(first, last));
}
