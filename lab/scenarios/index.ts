// The lab's scenarios by name (`npm run lab -- <name>`). Add a scenario: a file exporting a LabScenario,
// registered here, and a test in tests/lab/.
import { LabScenario } from "../scenario";
import { faultDpdScenario, faultScenario } from "./fault";
import { hypermotionScenario } from "./hypermotion";
import { mismatchScenario } from "./mismatch";

export const LAB_SCENARIOS: Record<string, LabScenario> = {
    [hypermotionScenario.name]: hypermotionScenario,
    [mismatchScenario.name]: mismatchScenario,
    [faultScenario.name]: faultScenario,
    [faultDpdScenario.name]: faultDpdScenario,
};
