// A config value of the wrong shape, as the user should read it: the key as written, the value found, and a
// concrete fix. Pure: it takes a schema issue (zod's shape, but any validator's issue fits) and the config object
// the issue's path points into. stacks/config.ts parseConfig can map every issue through configIssueFinding.
import { Finding } from "../model/findings";

export interface ConfigIssue {
    code: string;
    /** Path inside the config object, e.g. ["hub", "bandwidth"] or ["vswitches", 0, "cidr"]. */
    path: ReadonlyArray<string | number>;
    message: string;
    expected?: string;
    received?: string;
    /** Unknown keys (code "unrecognized_keys"). */
    keys?: readonly string[];
    /** Allowed values (code "invalid_enum_value"). */
    options?: ReadonlyArray<string | number>;
}

/** The dotted field of `path` under `key`: ("alicloud-vpn:hypermotion", ["hub", "vswitches", 0, "cidr"]) -> "...hub.vswitches[0].cidr". */
export function configField(key: string, path: ReadonlyArray<string | number>): string {
    return [key, ...path.map((p) => (typeof p === "number" ? `[${p}]` : p))].join(".").replace(/\.\[/g, "[");
}

/** The value at `path` in `root`, or undefined. */
export function valueAt(root: unknown, path: ReadonlyArray<string | number>): unknown {
    let value: unknown = root;
    for (const step of path) {
        if (value === null || typeof value !== "object") {
            return undefined;
        }
        value = (value as Record<string | number, unknown>)[step];
    }
    return value;
}

/** How a value looks in YAML, for a fix: strings quoted, numbers bare. */
function yaml(value: unknown): string {
    return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/**
 * One finding per schema issue, naming the key as written, showing the value found and a fix that can be pasted:
 * `bandwidth: "10"` -> "write ...hub.bandwidth: 10 (a number, without quotes)"; `podCidr: 172` -> quote a string.
 */
export function configIssueFinding(issue: ConfigIssue, key: string, root: unknown): Finding {
    const field = configField(key, issue.path);
    const value = issue.code === "unrecognized_keys" ? undefined : valueAt(root, issue.path);
    const base = { severity: "error" as const, code: "config.invalid", field, ...(value === undefined ? {} : { value }), message: `${issue.message}.` };
    if (issue.code === "unrecognized_keys") {
        return { ...base, fix: `remove or correct the key(s) ${(issue.keys ?? []).join(", ")} under ${field}.` };
    }
    if (issue.code === "invalid_type" && value === undefined) {
        return { ...base, message: "required.", fix: `add ${field} to Pulumi.<stack>.yaml (see the committed samples).` };
    }
    if (issue.code === "invalid_type" && issue.expected === "number") {
        const text = typeof value === "string" ? value.trim() : "";
        const fix =
            text !== "" && Number.isFinite(Number(text))
                ? `write ${field}: ${Number(text)} (a number, without quotes).`
                : `set ${field} to a number instead of ${yaml(value)}, e.g. ${field}: 10.`;
        return { ...base, message: `${yaml(value)} is not a number.`, fix };
    }
    if (issue.code === "invalid_type" && issue.expected === "string" && value !== undefined) {
        return { ...base, message: `${yaml(value)} is not a string.`, fix: `quote it: ${field}: "${String(value)}".` };
    }
    if (issue.code === "invalid_type" && issue.expected === "boolean" && value !== undefined) {
        const truthy = ["true", "yes", "on", "1"].includes(String(value).toLowerCase());
        return { ...base, message: `${yaml(value)} is not true or false.`, fix: `write ${field}: ${truthy} (without quotes).` };
    }
    if (issue.code === "invalid_enum_value" && issue.options) {
        return { ...base, allowed: issue.options.join(", "), message: `${yaml(value)} is not one of the allowed values.`, fix: `set ${field} to one of ${issue.options.join(", ")}.` };
    }
    return { ...base, fix: `correct ${field} in Pulumi.<stack>.yaml.` };
}
