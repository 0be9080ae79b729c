/** What pages need of an office to name it: workflows' OfficeRef, serialized or not. */
export interface NamedOffice {
  code: string;
  name: string;
  address: string;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * An office as a person is told about it: its name and address, then its code («Управление ГНС по
 * Октябрьскому району г. Бишкек, 720044, г. Бишкек, ул. Ахунбаева, 119 (код 003)»), never the
 * code alone. An office missing from the register is named by the code it was given, if any.
 */
export function officeText(t: Translate, office: NamedOffice | null | undefined, fallbackCode?: string | null): string {
  if (office) return t("common:office.full", { name: office.name, address: office.address, code: office.code });
  return fallbackCode ? t("common:office.codeOnly", { code: fallbackCode }) : "—";
}
