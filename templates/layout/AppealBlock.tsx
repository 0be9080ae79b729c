import { View } from "@react-pdf/renderer";
import { tr } from "../labels";
import type { AppealRoute } from "../types";
import { Fields, Section } from "./Fields";

/**
 * «Даттануу тартиби / Порядок обжалования»: body, time limit and address as the refusal was issued
 * with them, each in every paper language (decision 059). Kept whole on one page.
 */
export function AppealBlock({ route }: { route: AppealRoute }) {
  return (
    <View wrap={false}>
      <Section t={tr((w) => w.appeal.title)} />
      <Fields
        rows={[
          [tr((w) => w.appeal.body), route.body],
          [tr((w) => w.appeal.timeLimit), route.timeLimit],
          [tr((w) => w.appeal.address), route.address],
        ]}
      />
    </View>
  );
}
