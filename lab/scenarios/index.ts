// The lab's scenarios by name (`npm run lab -- <name>`). Add a scenario: a file exporting a LabScenario,
// registered here, and a test in tests/lab/.
import { LabScenario } from "../scenario";
import { bgpScenario } from "./bgp";
import { cloudAwsScenario } from "./cloudAws";
import { cloudAzureScenario } from "./cloudAzure";
import { cloudGcpScenario } from "./cloudGcp";
import { failoverIkev1Scenario, failoverIkev2Scenario } from "./failover";
import { faultDpdScenario, faultScenario } from "./fault";
import { hubScenario } from "./hub";
import { hypermotionScenario } from "./hypermotion";
import { libreswanScenario } from "./libreswan";
import { mismatchScenario } from "./mismatch";
import { openvpnMeshScenario } from "./openvpnMesh";
import { overlapAlibabaOnlyScenario, overlapScenario } from "./overlap";

export const LAB_SCENARIOS: Record<string, LabScenario> = {
    [hypermotionScenario.name]: hypermotionScenario,
    [mismatchScenario.name]: mismatchScenario,
    [faultScenario.name]: faultScenario,
    [hubScenario.name]: hubScenario,
    [failoverIkev1Scenario.name]: failoverIkev1Scenario,
    [failoverIkev2Scenario.name]: failoverIkev2Scenario,
    [libreswanScenario.name]: libreswanScenario,
    [openvpnMeshScenario.name]: openvpnMeshScenario,
    [cloudAwsScenario.name]: cloudAwsScenario,
    [cloudAzureScenario.name]: cloudAzureScenario,
    [overlapScenario.name]: overlapScenario,
    [overlapAlibabaOnlyScenario.name]: overlapAlibabaOnlyScenario,
    [faultDpdScenario.name]: faultDpdScenario,
    [bgpScenario.name]: bgpScenario,
    [cloudGcpScenario.name]: cloudGcpScenario,
};
