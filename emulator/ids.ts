// Realistic, deterministic Alibaba Cloud resource ids and public addresses.
import { createHash } from "crypto";

/**
 * The three characters after the type prefix encode the region in real ids
 * (vpc-bp1… is Hangzhou, vpc-uf6… Shanghai, vpc-2ze… Beijing, vpc-6we… Tokyo). Unknown regions use "0xa".
 */
const REGION_CODES: Record<string, string> = {
    "cn-hangzhou": "bp1",
    "cn-shanghai": "uf6",
    "cn-beijing": "2ze",
    "cn-shenzhen": "wz9",
    "cn-qingdao": "m5e",
    "cn-zhangjiakou": "8vb",
    "cn-hongkong": "j6c",
    "ap-northeast-1": "6we",
    "ap-southeast-1": "t4n",
    "eu-central-1": "gw8",
    "us-west-1": "rj9",
};

/** Id prefixes per resource type token, as the API returns them. */
export const ID_PREFIXES: Record<string, string> = {
    "alicloud:vpc/network:Network": "vpc",
    "alicloud:vpc/switch:Switch": "vsw",
    "alicloud:vpn/gateway:Gateway": "vpn",
    "alicloud:vpn/customerGateway:CustomerGateway": "cgw",
    "alicloud:vpn/connection:Connection": "vco",
    "alicloud:ecs/instance:Instance": "i",
    "alicloud:ecs/securityGroup:SecurityGroup": "sg",
    "alicloud:ecs/securityGroupRule:SecurityGroupRule": "sgr",
    // Cloud Assistant: ecsOutputs turns these into c-hz0… / t-hz0… (cloudAssistantId), seeded with this id.
    "alicloud:ecs/command:Command": "c",
    "alicloud:ecs/ecsInvocation:EcsInvocation": "t",
};

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** `length` (at most 32) lowercase base-36 characters derived from `seed`: the same program always gets the same ids. */
function suffix(seed: string, length: number): string {
    const digest = createHash("sha256").update(seed).digest();
    return Array.from(digest.subarray(0, length), (byte) => ALPHABET[byte % ALPHABET.length]).join("");
}

export function regionCode(region: string): string {
    return REGION_CODES[region] ?? "0xa";
}

/**
 * Cloud Assistant ids carry their own region abbreviation, not the ECS one: the API references show
 * c-hz0jdfwcsr**** / t-hz0jdfwd9f**** (DescribeInvocations, Hangzhou) and t-bj05sx… (Beijing). Other
 * regions fall back to the ECS code (modelled).
 */
const CLOUD_ASSISTANT_REGION_CODES: Record<string, string> = {
    "cn-hangzhou": "hz0",
    "cn-beijing": "bj0",
};

/** A Cloud Assistant command ("c") or invocation ("t") id, e.g. cloudAssistantId("c", "cn-hangzhou", seed) -> "c-hz0…" (16 characters after the dash). */
export function cloudAssistantId(prefix: "c" | "t", region: string, seed: string): string {
    const code = CLOUD_ASSISTANT_REGION_CODES[region] ?? regionCode(region);
    return `${prefix}-${code}${suffix(seed, 16 - code.length)}`;
}

/** e.g. resourceId("vpc", "cn-hangzhou", urn) -> "vpc-bp1k3f…" */
export function resourceId(prefix: string, region: string, seed: string): string {
    return `${prefix}-${regionCode(region)}${suffix(seed, 21)}`;
}

/** A VPC's system route table: vtb-<region code>… */
export function routeTableId(region: string, vpcId: string): string {
    return resourceId("vtb", region, `route-table:${vpcId}`);
}

export function routerId(region: string, vpcId: string): string {
    return resourceId("vrt", region, `router:${vpcId}`);
}

/**
 * Public addresses handed to VPN gateways come from the RFC 5737 documentation ranges, so nothing the
 * emulator prints can be mistaken for a real host: 198.51.100.0/24 first, then 192.0.2.0/24.
 * 203.0.113.0/24 is left to users' sample peers.
 */
export class DocumentationAddressPool {
    private next = 0;
    private static readonly BLOCKS = ["198.51.100", "192.0.2"];

    allocate(): string {
        const block = Math.floor(this.next / 253);
        if (block >= DocumentationAddressPool.BLOCKS.length) {
            throw new Error("the emulator's documentation address pool is exhausted (506 gateway addresses)");
        }
        const host = (this.next % 253) + 1;
        this.next++;
        return `${DocumentationAddressPool.BLOCKS[block]}.${host}`;
    }
}

/** A request id in Alibaba's format (a UUID, upper case). */
export function requestId(seed: string): string {
    const hex = createHash("sha1").update(seed).digest("hex").toUpperCase();
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
