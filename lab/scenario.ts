// What a lab scenario is and how one runs: prerequisites (else SKIPPED with the reason), a fresh Lab,
// the scenario body, and teardown of every namespace and process in `finally`.
import { Lab, LabNeeds, labPrerequisites } from "./netns";

export interface ScenarioResult {
    /** The one summary line, e.g. "lab hypermotion: IKE up in 1.8 s, CHILD up in 2.1 s, ping 4/4 both ways". */
    summary: string;
    /** Numbers and texts the tests assert on. */
    details: Record<string, unknown>;
}

export interface LabScenario {
    /** Short name: `npm run lab -- <name>`. */
    name: string;
    /** One sentence: what it proves. */
    title: string;
    /** What must be installed. */
    needs: LabNeeds;
    /** Takes minutes: `npm test` runs it only with LAB_SLOW=1 (the CLI always runs it when named). */
    slow?: boolean;
    /** The body: build sites in `lab`, start them, assert, return the summary. Throw to fail. */
    run(lab: Lab, log: (line: string) => void): Promise<ScenarioResult>;
}

export type ScenarioOutcome = ({ status: "passed" } & ScenarioResult) | { status: "skipped"; reason: string };

export interface RunOptions {
    log?: (line: string) => void;
    /** Keep the lab's directory (configs, charon logs) after the run, for debugging. */
    keepDir?: boolean;
}

/** Runs one scenario in its own Lab; the lab is torn down whatever happens. */
export async function runLabScenario(scenario: LabScenario, options: RunOptions = {}): Promise<ScenarioOutcome> {
    const log = options.log ?? (() => undefined);
    const missing = await labPrerequisites(scenario.needs);
    if (missing) {
        return { status: "skipped", reason: missing };
    }
    const lab = await Lab.open(scenario.name);
    log(`lab ${scenario.name}: namespaces ${lab.internet.replace(/-inet$/, "-*")}, files in ${lab.dir}`);
    try {
        const result = await scenario.run(lab, log);
        return { status: "passed", ...result };
    } catch (err) {
        // Attach the daemons' logs' tails: the reason a negotiation failed is there.
        const tails = [...lab.sites.values()]
            .map((site) => {
                const text = site.charon?.log() ?? site.openvpn?.log() ?? "";
                return text ? `--- ${site.name} (${site.namespace}) last lines:\n${text.split("\n").slice(-25).join("\n")}` : "";
            })
            .filter(Boolean)
            .join("\n");
        if (err instanceof Error && tails) {
            err.message += `\n${tails}`;
        }
        throw err;
    } finally {
        await lab.close({ keepDir: options.keepDir });
    }
}
