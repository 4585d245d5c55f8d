// Typed stack config: the shape every scenario shares, validated with zod so a typo in
// Pulumi.<stack>.yaml is reported with its path before anything is created.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ConfigIssue, configIssueFinding } from "../checks/config";
import { Finding, TopologyError } from "../model/findings";
import { PEER_PLATFORMS } from "../model/link";

export const PROJECT = "alicloud-vpn";

// Enumerations are checked by the model with Alibaba-specific messages; here only the shape is enforced,
// so the two layers do not disagree on wording.
export const profileSchema = z
    .object({
        ike: z
            .object({
                version: z.string().optional(),
                mode: z.string().optional(),
                encryption: z.string().optional(),
                integrity: z.string().optional(),
                dhGroup: z.string().optional(),
                lifetimeSeconds: z.number().optional(),
            })
            .strict()
            .optional(),
        ipsec: z
            .object({
                encryption: z.string().optional(),
                integrity: z.string().optional(),
                pfs: z.string().optional(),
                lifetimeSeconds: z.number().optional(),
            })
            .strict()
            .optional(),
        dpd: z.boolean().optional(),
        natTraversal: z.boolean().optional(),
        localId: z.string().optional(),
        remoteId: z.string().optional(),
        weakCryptoOptIn: z.object({ reason: z.string() }).strict().optional(),
    })
    .strict();

export const vswitchSchema = z
    .object({
        name: z.string().min(2),
        zoneId: z.string().min(1),
        cidr: z.string(),
    })
    .strict();

export const peerPlatformSchema = z.enum(PEER_PLATFORMS);

/** A link's translation (overlapping networks; model/translation.ts LinkTranslationSpec), as any stack's YAML writes it. */
export const translationSchema = z
    .object({
        alibabaBlock: z.string().optional(),
        peerBlock: z.string().optional(),
        exposedHosts: z.array(z.string()).optional(),
        // auto | netmap | none: checked by the model (translation.bad-peer-translation), like the other enumerations.
        peerTranslation: z.string().optional(),
        vswitch: z.string().optional(),
    })
    .strict();

/** Turns zod's issues into findings that name the config key path, e.g. "alicloud-vpn:hypermotion.office.publicIp". */
export function parseConfig<T extends z.ZodTypeAny>(schema: T, value: unknown, key: string): z.infer<T> {
    const parsed = schema.safeParse(value);
    if (parsed.success) {
        return parsed.data;
    }
    // One finding per issue with the value as written and a concrete fix (a number without quotes, ...).
    const findings: Finding[] = parsed.error.issues.map((issue) => configIssueFinding(issue as ConfigIssue, key, value));
    throw new TopologyError(findings);
}

/** Reads and validates `<project>:<key>` from the stack config. */
export function readConfig<T extends z.ZodTypeAny>(schema: T, key: string): z.infer<T> {
    const config = new pulumi.Config(PROJECT);
    const value = config.getObject<unknown>(key);
    if (value === undefined) {
        throw new TopologyError([
            {
                severity: "error",
                code: "config.missing",
                field: `${PROJECT}:${key}`,
                message: "the stack config has no such key.",
                fix: `add ${PROJECT}:${key} to Pulumi.<stack>.yaml (see the committed samples).`,
            },
        ]);
    }
    return parseConfig(schema, value, `${PROJECT}:${key}`);
}

/** The index of the vSwitch called `name` in `vswitches`; a config error naming `field` when there is none. */
export function vswitchIndexByName(vswitches: ReadonlyArray<{ name: string }>, name: string, field: string, listField: string): number {
    const index = vswitches.findIndex((v) => v.name === name);
    if (index < 0) {
        throw new TopologyError([
            {
                severity: "error",
                code: "config.unknown-vswitch",
                field,
                value: name,
                allowed: vswitches.map((v) => v.name).join(", "),
                message: "no vSwitch of this name in the site's vswitches.",
                fix: `set ${field} to the name of one of ${listField}.`,
            },
        ]);
    }
    return index;
}
