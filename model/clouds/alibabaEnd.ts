// The Alibaba end of every cloud link, planned the same way whatever the other cloud: the profile over the
// strongest values both clouds accept, checked against both, a dual-tunnel gateway whose vSwitches lie in the
// Alibaba region, and the site planner (model/site.ts) for the hub and its links, so the Alibaba end gets every check
// a VpnSite gets. Each cloud's planner (awsLink.ts, azureLink.ts, gcpLink.ts) adds its own end's checks and wiring.
import { Finding } from "../findings";
import { HubSpec } from "../hub";
import { IpsecProfile, IpsecProfileInput, resolveProfile } from "../profile";
import { SitePlan, SitePlanInput, planVpnSite } from "../site";
import { PeerCloudAccepts, checkCloudIntersection, cloudProfileInput } from "./intersection";

/** The Alibaba end of a cloud link: a VPC, vSwitches in two zones and a dual-tunnel VPN gateway in `region`. */
export interface CloudAlibabaEndSpec extends HubSpec {
    /** The Alibaba Cloud region, e.g. "cn-beijing". */
    region: string;
    /** The Alibaba networks the tunnels carry. Default: the VPC's block. */
    alibabaSubnets?: string[];
}

export interface AlibabaEndPlanned {
    /** The profile both ends use (the caller's values over the cloud's default). */
    profile: IpsecProfile;
    /** What the caller wrote over the cloud's default, as the links take it. */
    profileInput: IpsecProfileInput;
    /** Every finding, the other end's first (deduplicated: the site planner restates the profile's per link). */
    findings: Finding[];
    /** The site, when the links could be planned and nothing is wrong. */
    site?: SitePlan;
}

/**
 * Plans the Alibaba end of a cloud link to `cloud`. `peerFindings` are the other end's (checked by the caller, they
 * come first); `links(profileInput)` gives the Alibaba connections, or undefined when the other end's values are too
 * broken to plan them (the site planner then does not run, and the caller's findings say why).
 */
export function planAlibabaEnd(
    name: string,
    cloud: PeerCloudAccepts,
    spec: { alibaba: CloudAlibabaEndSpec; profile?: IpsecProfileInput; configPath?: string },
    peerFindings: Finding[],
    links: (profileInput: IpsecProfileInput) => SitePlanInput["links"] | undefined,
): AlibabaEndPlanned {
    const path = spec.configPath ?? name;
    const profileInput = cloudProfileInput(cloud, spec.profile);
    const { profile, findings: profileFindings } = resolveProfile(profileInput, `${path}.profile`, name);
    const findings: Finding[] = [...peerFindings, ...checkCloudIntersection(cloud, profile, `${path}.profile`, name)];
    if ((spec.alibaba.tunnelMode ?? "dual") !== "dual") {
        findings.push({
            severity: "error",
            code: "cloud.single-tunnel",
            site: name,
            field: `${path}.alibaba.tunnelMode`,
            value: spec.alibaba.tunnelMode,
            message: `a cloud link pairs Alibaba's two gateway addresses with ${cloud.label}'s end; a single-tunnel gateway has one address.`,
            fix: `set ${path}.alibaba.tunnelMode to dual (the default) with vSwitches in two zones.`,
        });
    }
    (spec.alibaba.vswitches ?? []).forEach((vsw, i) => {
        // Zone ids extend their region's id (cn-beijing-h); the provider for alibaba.region would not find another.
        if (typeof vsw.zoneId === "string" && !vsw.zoneId.startsWith(spec.alibaba.region)) {
            findings.push({
                severity: "error",
                code: "cloud.zone-not-in-region",
                site: name,
                field: `${path}.alibaba.vswitches[${i}].zoneId`,
                value: vsw.zoneId,
                message: `zone ${vsw.zoneId} is not a zone of the Alibaba region ${spec.alibaba.region}.`,
                fix: `use a zone of ${spec.alibaba.region} (e.g. ${spec.alibaba.region}-h), or correct ${path}.alibaba.region.`,
            });
        }
    });
    const planned = links(profileInput);
    const sitePlanned = planned
        ? planVpnSite(name, { hub: { ...spec.alibaba, configPath: `${path}.alibaba` }, links: planned, region: spec.alibaba.region })
        : { findings: [] as Finding[], plan: undefined };
    // The Alibaba checks of the profile come back from the site planner for each link: keep one of each.
    for (const f of [...profileFindings, ...sitePlanned.findings]) {
        const key = `${f.field}|${f.code}|${f.message}`;
        if (!findings.some((g) => `${g.field}|${g.code}|${g.message}` === key)) {
            findings.push(f);
        }
    }
    const errors = findings.some((f) => f.severity === "error");
    return { profile, profileInput, findings, site: errors ? undefined : sitePlanned.plan };
}
