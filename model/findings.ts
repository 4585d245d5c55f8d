// What a check says about the planned topology: an error stops the program before any resource
// is registered, a warning is printed (pulumi.log.warn in a preview, the plan's report offline).

export const Severity = { Error: "error", Warning: "warning" } as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

export interface Finding {
    severity: Severity;
    /** A stable identifier of the rule, e.g. "profile.weak-dh-group". Tests and policies key on it. */
    code: string;
    /** The site, link or component the finding is about. */
    site?: string;
    /** Dotted path of the offending field as the user wrote it, e.g. "links.office.profile.ike.dhGroup". */
    field: string;
    /** The offending value. */
    value?: unknown;
    /** What would have been accepted. */
    allowed?: string;
    /** What is wrong, in one sentence. */
    message: string;
    /** What to change. */
    fix: string;
}

function show(value: unknown): string {
    return typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
}

/** One line per finding, e.g. `error [office] links.office.profile.ike.dhGroup = "group2": ... Fix: ...`. */
export function formatFinding(finding: Finding): string {
    const where = finding.site ? `[${finding.site}] ` : "";
    const value = "value" in finding && finding.value !== undefined ? ` = ${show(finding.value)}` : "";
    const allowed = finding.allowed ? ` Allowed: ${finding.allowed}.` : "";
    return `${finding.severity} ${where}${finding.field}${value}: ${finding.message}${allowed} Fix: ${finding.fix}`;
}

export function errorsOf(findings: readonly Finding[]): Finding[] {
    return findings.filter((f) => f.severity === "error");
}

export function warningsOf(findings: readonly Finding[]): Finding[] {
    return findings.filter((f) => f.severity === "warning");
}

/** Thrown when the topology has errors; carries every finding so a caller can print them all at once. */
export class TopologyError extends Error {
    readonly findings: readonly Finding[];
    constructor(findings: readonly Finding[]) {
        const errors = errorsOf(findings);
        super(
            `${errors.length} problem${errors.length === 1 ? "" : "s"} in the VPN topology; nothing was created:\n` +
                errors.map((f) => `  - ${formatFinding(f)}`).join("\n"),
        );
        this.name = "TopologyError";
        this.findings = findings;
    }
}

/** Throws a TopologyError when any finding is an error; returns the warnings otherwise. */
export function assertNoErrors(findings: readonly Finding[]): Finding[] {
    if (errorsOf(findings).length > 0) {
        throw new TopologyError(findings);
    }
    return warningsOf(findings);
}

/** A list of allowed values as the message shows them. */
export function allowedList(values: readonly (string | number)[]): string {
    return values.map((v) => String(v)).join(", ");
}
