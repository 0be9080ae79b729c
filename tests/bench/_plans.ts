/** A PostgreSQL plan (EXPLAIN … FORMAT JSON) as the benchmarks print it. */
export interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  "Actual Total Time"?: number;
  Plans?: PlanNode[];
}

/** The plan as one line: each node, with the relation and index it reads. */
export function outline(node: PlanNode): string {
  const self = `${node["Node Type"]}${node["Index Name"] ? ` using ${node["Index Name"]}` : node["Relation Name"] ? ` on ${node["Relation Name"]}` : ""}`;
  return node.Plans?.length ? `${self} <- ${node.Plans.map(outline).join(", ")}` : self;
}

/** The relations the plan reads whole. */
export function seqScans(node: PlanNode): string[] {
  const own = node["Node Type"] === "Seq Scan" ? [node["Relation Name"] ?? "?"] : [];
  return [...own, ...(node.Plans ?? []).flatMap(seqScans)];
}
