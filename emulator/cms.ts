// CloudMonitor event rules (alicloud:cms/eventRule:EventRule), what the links' alerts create. Sources: the provider's
// resource_alicloud_cms_event_rule.go in github.com/aliyun/terraform-provider-alicloud (rule_name required and
// ForceNew, the id is the rule name; event_pattern.product required; status DISABLED|ENABLED), and the CloudMonitor
// API reference of PutEventRule / PutEventRuleTargets
// (https://www.alibabacloud.com/help/en/cms/cloudmonitor-1-0/developer-reference/api-cms-2019-01-01-puteventruletargets).
import { EmulatorState, AlibabaApiError } from "./state";

export const CMS_TYPES = {
    eventRule: "alicloud:cms/eventRule:EventRule",
} as const;

/** The VPN gateway's CloudMonitor system events (https://www.alibabacloud.com/help/en/eventbridge/user-guide/vpn-gateway-events). */
export const VPN_EVENT_NAMES = ["IpsecPhase1NegoFailed", "IpsecPhase2NegoFailed", "IpsecHealthCheckFailed", "IpsecPhase1NegoSuccess", "IpsecPhase2NegoSuccess", "IpsecHealthCheckSuccess", "CertKeyExpired"];

export function validateCms(type: string, inputs: Record<string, any>, state: EmulatorState): void {
    if (type !== CMS_TYPES.eventRule) {
        return;
    }
    if (typeof inputs.ruleName !== "string" || inputs.ruleName.length === 0) {
        throw new AlibabaApiError("MissingParameter", "RuleName is mandatory for this action. (provider: rule_name Required)");
    }
    // The rule name is the rule's id in the account: PutEventRule with an existing name overwrites that rule.
    if (state.ofType(CMS_TYPES.eventRule).some((r) => r.inputs.ruleName === inputs.ruleName)) {
        throw new AlibabaApiError("ResourceExist", `The event rule ${inputs.ruleName} already exists; PutEventRule would overwrite it. (modelled: the id is the rule name)`);
    }
    if (inputs.status !== undefined && !["ENABLED", "DISABLED"].includes(inputs.status)) {
        throw new AlibabaApiError("InvalidParameter", `State ${inputs.status} is invalid: ENABLED or DISABLED. (provider: status StringInSlice)`);
    }
    const pattern = inputs.eventPattern;
    if (!pattern || typeof pattern.product !== "string" || pattern.product.length === 0) {
        throw new AlibabaApiError("MissingParameter", "EventPattern.Product is mandatory for this action. (provider: event_pattern.product Required)");
    }
    const unknown = (pattern.nameLists ?? []).filter((n: string) => pattern.product === "VPN" && !VPN_EVENT_NAMES.includes(n));
    if (unknown.length > 0) {
        throw new AlibabaApiError("InvalidParameter", `EventPattern.NameList has events VPN does not raise: ${unknown.join(", ")}. (modelled from the VPN Gateway events list)`);
    }
}

export function cmsOutputs(type: string, inputs: Record<string, any>): { id: string; outputs: Record<string, any> } | undefined {
    return type === CMS_TYPES.eventRule ? { id: inputs.ruleName, outputs: { ...inputs, status: inputs.status ?? "ENABLED" } } : undefined;
}
