import { describe, expect, it } from "vitest";
import { AUTHORITY, COPY_LABEL, renderDocument, WORDS, type ApplicationProps, type DocumentKind, type DocumentMeta, type PaperLanguage } from "../../../templates";
import type { PaperWords } from "../../../templates/labels";
import {
  allAtTheirLimits,
  annulmentAlreadyAnnulled,
  annulmentFictitious,
  annulmentOnline,
  application,
  decisionGrant,
  decisionRefusal,
  journalExtract,
  LOGIN,
  meta,
  office,
  oneAtItsLimit,
  samples,
} from "./fixtures";
import { decodeQr, hasPoppler, pageLayout, pageLines, pageText, pdfFonts, pdfInfo, writePdf } from "./pdf-tools";

async function render(kind: Parameters<typeof renderDocument>[0], props: unknown) {
  const file = writePdf(await renderDocument(kind, props as never), kind);
  return { file, info: pdfInfo(file), p1: pageText(file, 1), p2: pageText(file, 2), lines: pageLines(file, 1) };
}

/** Each sample rendered once for the tests that only read it. */
const renders = new Map<string, ReturnType<typeof render>>();
function rendered(sample: (typeof samples)[number]) {
  if (!renders.has(sample.name)) renders.set(sample.name, render(sample.kind, sample.props));
  return renders.get(sample.name)!;
}

/** The same document on an installation's paper of other languages (PAPER_LANGUAGES). */
function inLanguages<P extends { document: DocumentMeta }>(props: P, languages: PaperLanguage[]): P {
  return { ...props, document: { ...props.document, languages } };
}

describe.skipIf(!hasPoppler)("printed documents read back with poppler", () => {
  for (const sample of samples) {
    it(`${sample.name}: two A4 pages, one per copy, with number, title, office and an embedded font`, async () => {
      const { file, info, p1, p2 } = await rendered(sample);
      expect(info.Pages).toBe("2");
      expect(info["Page size"]).toMatch(/^595\.\d* x 841\.\d* pts/);
      expect(info.Title).toContain(sample.props.document.number);
      expect(info.Author).toBe(sample.props.office ? office.name : `${AUTHORITY.ky} / ${AUTHORITY.ru}`);
      for (const lang of ["ky", "ru"] as const) {
        expect(p1).toContain(COPY_LABEL[lang].subject);
        expect(p1).not.toContain(COPY_LABEL[lang].office);
        expect(p2).toContain(COPY_LABEL[lang].office);
      }
      for (const page of [p1, p2]) {
        expect(page).toContain(sample.props.document.number);
        expect(page).toContain(sample.props.document.contentHash.slice(0, 16));
        expect(page).toContain(sample.props.subject.inn);
        expect(page.includes("ДУБЛИКАТ")).toBe(!!sample.props.document.reprintedAt);
      }
      const fonts = pdfFonts(file);
      expect(fonts).toMatch(/PTSans-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
      expect(fonts).toMatch(/PTSans-Bold\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    });
  }

  it("every instant is printed in the issuing office's zone, not a fixed one", async () => {
    // 08:07 UTC is 14:07 in Bishkek (UTC+6) and 17:07 in Tokyo (UTC+9).
    const bishkek = await render("decision_grant", decisionGrant);
    expect(bishkek.p1).toContain("05.03.2026 14:07");
    const tokyo = await render("decision_grant", { ...decisionGrant, document: meta({ timeZone: "Asia/Tokyo" }) });
    expect(tokyo.p1).toContain("05.03.2026 17:07");
    expect(tokyo.p1).not.toContain("05.03.2026 14:07");
  });

  it("decision to grant: login, subject, inspector and head on both copies; the receipt line on the office copy only", async () => {
    const { p1, p2 } = await render("decision_grant", decisionGrant);
    for (const page of [p1, p2]) {
      expect(page).toContain(LOGIN);
      expect(page).toContain("Үсөнбаева Айгүл Ңурбековна");
      expect(page).toContain(decisionGrant.inspector.fullName);
      expect(page).toContain(office.headName);
      expect(page).toContain(office.address);
      // 08:07 UTC is 14:07 in Bishkek.
      expect(page).toContain("05.03.2026 14:07");
      expect(page).toContain("5 марта 2026 г.");
    }
    expect(p1).not.toContain("Решение получил(а)");
    expect(p2).toContain("Решение получил(а)");
  });

  it("hostile data: Kyrgyz letters and quotes survive, emoji are dropped, a 300-character name stays whole", async () => {
    const { p1 } = await render("decision_grant", decisionGrant);
    expect(p1).toMatch(/[ңөүҢӨҮ]/);
    expect(p1).toContain(`"O'Connor"`);
    expect(p1).not.toMatch(/\p{Extended_Pictographic}/u);
    const refusal = await render("decision_refusal", decisionRefusal);
    // Long names wrap onto several lines; every word is still there, in order.
    expect(refusal.p1).toContain("«Түндүк-Өнөр");
    expect(refusal.p1).toContain("транспортно-экспедиционных услуг");
  });

  it("decision to grant says what the decision did, not what was asked: first grant, restoration, reinstatement; an old paper keeps its words", async () => {
    const words = async (props: Partial<typeof decisionGrant>) => (await render("decision_grant", { ...decisionGrant, ...props })).p1;
    const first = await words({ requestKind: "restore", effect: "first_grant" });
    expect(first).toContain("РЕШЕНИЕ о предоставлении доступа");
    expect(first).toContain("РЕШИЛ предоставить субъекту доступ");
    expect(first).not.toMatch(/восстанов/i);
    const restored = await words({ requestKind: "grant", effect: "restoration" });
    expect(restored).toContain("РЕШЕНИЕ о восстановлении доступа");
    expect(restored).toContain("РЕШИЛ восстановить субъекту доступ");
    expect(restored).toContain("Логин при восстановлении доступа не меняется.");
    const back = await words({ effect: "reinstatement" });
    expect(back).toContain("РЕШИЛ вновь предоставить субъекту доступ к информационной системе «Кабинет налогоплательщика», аннулированный ранее");
    // A paper issued before the effect was recorded is reprinted as it was printed.
    expect(await words({ requestKind: "restore", effect: undefined })).toContain("РЕШИЛ восстановить");
  });

  it("decision to refuse names the grounds of R9 in words, with the evidence reference", async () => {
    const { p1, p2 } = await render("decision_refusal", decisionRefusal);
    for (const page of [p1, p2]) {
      expect(page).toContain("салык каттоосунун жоктугу");
      expect(page).toContain("отсутствие налоговой регистрации");
      expect(page).toContain("жалган ишкердикке жана жасалма жеткирүүлөргө катышкандыгы жөнүндө документтик маалыматтардын болушу");
      expect(page).toContain("наличие документальных сведений об участии в лжепредпринимательской деятельности и фиктивных поставках");
      expect(page).toContain("Маалыматтар: жасалма жеткирүүлөргө катышуу / Сведения: участие в фиктивных поставках");
      // The evidence as recorded, once for both languages.
      expect(page).toContain("№ 12/7-ФП, 03.11.2025, Служба экономических расследований при Министерстве финансов КР");
      expect(page.split("12/7-ФП")).toHaveLength(2);
    }
    expect(p2).toContain("Решение получил(а)");
  });

  it("decision to refuse cites each ground by the regulation's letter: (а), (б) — and (б) when it stands alone", async () => {
    const both = await render("decision_refusal", decisionRefusal);
    for (const page of [both.p1, both.p2]) {
      // The letter once, the regulation's words in Kyrgyz and under them in Russian.
      expect(page).toContain("(а) салык каттоосунун жоктугу отсутствие налоговой регистрации");
      expect(page).toContain("(б) жалган ишкердикке");
    }
    const russian = await render("decision_refusal", inLanguages(decisionRefusal, ["ru"]));
    for (const page of [russian.p1, russian.p2]) {
      expect(page).toContain("(а) отсутствие налоговой регистрации");
      expect(page).toContain("(б) наличие документальных сведений");
    }
    const onlyB = await render("decision_refusal", { ...decisionRefusal, grounds: decisionRefusal.grounds.filter((g) => g.ground === "fictitious_activity") });
    expect(onlyB.p1).toContain("(б) жалган ишкердикке");
    expect(onlyB.p1).toContain("наличие документальных сведений");
    expect(onlyB.p1).not.toContain("(а)");
    expect(onlyB.p1).not.toMatch(/(^| )1\. (наличие|жалган)/);
  });

  it("the header keeps the authority's and the office's names whole; logins and codes never break at their hyphen", async () => {
    const longOffice = { ...office, name: "Управление Государственной налоговой службы по Первомайскому району г. Бишкек (Центр обслуживания налогоплательщиков)" };
    for (const [kind, props, unbroken] of [
      ["decision_grant", { ...decisionGrant, office: longOffice }, [LOGIN, decisionGrant.application.code]],
      ["annulment_notice", annulmentFictitious, ["kb-9h3k2m7p"]],
      ["journal_extract", journalExtract, [LOGIN]],
      ["application", application, [application.code]],
    ] as const) {
      const { lines } = await render(kind, props);
      expect(lines, kind).toContain(AUTHORITY.ky.toUpperCase());
      expect(lines, kind).toContain(AUTHORITY.ru.toUpperCase());
      // A long office name may wrap between words, never inside one.
      const words = new Set(lines.flatMap((l) => l.split(" ")));
      for (const word of props.office!.name.split(" ")) expect(words, `${kind}: ${word}`).toContain(word);
      for (const text of unbroken) expect(lines.some((l) => l.includes(text)), `${kind}: ${text}`).toBe(true);
    }
  });

  it("application: the generated code, every typed field and the acceptance mark on both copies", async () => {
    const { p1, p2 } = await render("application", application);
    for (const page of [p1, p2]) {
      expect(page).toContain(application.code);
      expect(page).toContain("ОТМЕТКА О ПРИНЯТИИ");
      expect(page).toContain(application.acceptance!.incomingNumber);
      expect(page).toContain("05.03.2026 14:01");
      expect(page).toContain(application.acceptance!.inspector.fullName);
      // Number and date as typed, once; the words around them are the labels' («Доверенность (№, дата)»).
      expect(page).toContain("№ Д-77/2026, 20.02.2026");
      expect(page).toContain("Доверенность (№, дата)");
      expect(page).toContain(application.contacts.email);
    }
    const online = await render("application", { ...application, office: null, acceptance: null });
    expect(online.p1).not.toContain("ОТМЕТКА О ПРИНЯТИИ");
    expect(online.p1).toContain("проставляется при приёме");
  });

  it("application: the notices the applicant chose, on one line under the contacts, in both languages; «none» said; no row on an older paper", async () => {
    const rowOf = (file: string) => pageLayout(file, 1).filter((l) => l.includes("Кабарламалар / Уведомления"));
    const byEmail = await render("application", application);
    expect(rowOf(byEmail.file)).toEqual([expect.stringMatching(/Кабарламалар \/ Уведомления\s+электрондук почтага \/ на электронную почту$/)]);
    const bySms = await render("application", { ...application, notices: "sms" });
    expect(rowOf(bySms.file)).toEqual([expect.stringMatching(/Кабарламалар \/ Уведомления\s+телефонго SMS менен \/ SMS на телефон$/)]);
    const none = await render("application", { ...application, notices: "none" });
    expect(rowOf(none.file)).toEqual([expect.stringMatching(/Кабарламалар \/ Уведомления\s+жөнөтүлбөсүн \/ не направлять$/)]);
    const older = await render("application", { ...application, notices: undefined });
    expect(older.p1).not.toContain("Уведомления");
    expect(older.p2).not.toContain("Уведомления");
    // A Kyrgyz-only paper says it in Kyrgyz only.
    const kyOnly = await render("application", { ...application, document: { ...application.document, languages: ["ky"] } });
    expect(pageLayout(kyOnly.file, 1).filter((l) => l.includes("Кабарламалар"))).toEqual([expect.stringMatching(/Кабарламалар\s+электрондук почтага$/)]);
  });

  it("notice of annulment: the approving supervisor for fictitious activity; the day access ends for an online refusal", async () => {
    const fict = await render("annulment_notice", annulmentFictitious);
    expect(fict.p1).toContain("Мамытова Гүлзат Өмүровна, 07.03.2026 12:30");
    expect(fict.p1).toContain("kb-9h3k2m7p");
    const online = await render("annulment_notice", annulmentOnline);
    // 18:00 UTC on 8 March is midnight of 9 March in Bishkek: the start of the next day.
    // The label, Kyrgyz then Russian, and on its first line the value.
    expect(pageLayout(online.file, 1).find((l) => l.includes("Кирүү укугу токтотулуучу убакыт /"))).toMatch(/ Доступ +09\.03\.2026\s00:00$/);
    expect(online.p2).not.toContain("получил(а)");
    expect(online.p2).not.toContain("алдым");
    const russian = await render("annulment_notice", inLanguages(annulmentOnline, ["ru"]));
    expect(russian.p1).toContain("Доступ прекращается с 09.03.2026 00:00");
  });

  it("notice to a second annulment application: access already annulled, when and how, and this application's incoming number", async () => {
    const { p1, p2 } = await render("annulment_notice", annulmentAlreadyAnnulled);
    for (const page of [p1, p2]) {
      expect(page).toContain("доступ уже аннулирован 06.03.2026 10:00 по заявлению субъекта");
      expect(page).toContain("кирүү укугу 06.03.2026 10:00 мурда эле жокко чыгарылган (субъекттин арызы боюнча)");
      expect(page).toContain("Арыз (кирүүчү №, күнү жана убактысы) / № 0003-IN-2026-000401, 05.03.2026 16:30 Заявление (входящий №, дата и время)");
      expect(page).toContain("Арыз жабылды / Заявление закрыто 06.03.2026 11:15");
      expect(page).not.toContain("логин и пароль субъекта аннулированы");
    }
    expect(p2).toContain("получил(а)");
    const russian = await render("annulment_notice", inLanguages(annulmentAlreadyAnnulled, ["ru"]));
    expect(russian.p1).toContain("Заявление (входящий №, дата и время) № 0003-IN-2026-000401, 05.03.2026 16:30");
    expect(russian.p1).toContain("Заявление закрыто 06.03.2026 11:15");
  });

  it("journal extract: a table row per event, with time, office and role", async () => {
    const { file, p1 } = await render("journal_extract", journalExtract);
    // A row: time, the event in Kyrgyz with the Russian under it, office, role.
    const layout = pageLayout(file, 1);
    const row = layout.findIndex((l) => /^05\.03\.2026\s14:07/.test(l));
    expect(layout[row]).toMatch(/^05\.03\.2026\s14:07 +Кирүү укугун берүү жөнүндө чечим, логин kb-2f7q9x4m +Управление ГНС по +инспектор$/);
    expect(layout[row + 1]).toMatch(/^ +Решение о предоставлении доступа, логин kb-2f7q9x4m +Первомайскому району/);
    expect(p1).toContain("арыз берүүчү");
    expect(p1).toContain("заявитель");
    const russian = await render("journal_extract", inLanguages(journalExtract, ["ru"]));
    expect(russian.p1).toContain("05.03.2026 14:07 Решение о предоставлении доступа, логин kb-2f7q9x4m");
    const many = { ...journalExtract, events: Array.from({ length: 80 }, (_, i) => ({ ...journalExtract.events[i % 5] })) };
    const long = await render("journal_extract", many);
    // A long journal runs over several sheets per copy; every sheet keeps its copy label.
    const pages = Number(long.info.Pages);
    expect(pages).toBeGreaterThan(2);
    expect(pages % 2).toBe(0);
    for (let i = 1; i <= pages; i++) expect(pageText(long.file, i)).toContain(i <= pages / 2 ? COPY_LABEL.ru.subject : COPY_LABEL.ru.office);
  });

  it("journal extract: prints the time stamps that covered it at issue, and the chains none covered yet, in both languages (decision 062)", async () => {
    const anchored = {
      ...journalExtract,
      anchoring: { covered: [{ chain: "003", seq: 57, tsaTime: "2026-03-08T18:00:05.000Z", serial: "4f1a" }], uncovered: ["global"] },
    };
    const { p1 } = await render("journal_extract", anchored);
    const text = p1.replace(/\s+/g, " ");
    expect(text).toContain("Убакыт белгиси (RFC 3161): чынжыр 003, жазуу № 57, 09.03.2026 00:00, сериялык № 4f1a");
    expect(text).toContain("Метка времени (RFC 3161): цепочка 003, запись № 57, 09.03.2026 00:00, серийный № 4f1a");
    expect(text).toContain("На момент выдачи ещё не заверено меткой времени (цепочка global)");
    // An extract issued before anchoring prints no such line.
    expect((await render("journal_extract", journalExtract)).p1).not.toContain("RFC 3161");
  });

  it("the QR code of each copy points to the verification page of this document and hash", async () => {
    const props = { ...decisionGrant, document: meta({ baseUrl: "https://cabinet.salyk.example.kg/" }) };
    const file = writePdf(await renderDocument("decision_grant", props));
    const expected = `https://cabinet.salyk.example.kg/verify/${props.document.id}?h=${props.document.contentHash.slice(0, 16)}`;
    expect(decodeQr(file, 1)).toBe(expected);
    expect(decodeQr(file, 2)).toBe(expected);
  });

  it("an older paper's Russian words (positions, certifier, journal events as stored) are reprinted as they were", async () => {
    const old = {
      ...application,
      head: { fullName: "Токтогулов Нурбек", position: "Руководитель" },
      representative: { ...application.representative!, powerOfAttorney: { number: "Д-77/2026", date: "2026-02-20", certifiedBy: "нотариус: Ормонова Ж. Т." } },
    };
    const { p1 } = await render("application", old);
    expect(p1).toContain("Токтогулов Нурбек, Руководитель");
    expect(p1).toContain("нотариус: Ормонова Ж. Т.");
    const grant = await render("decision_grant", { ...decisionGrant, inspector: { fullName: "Асанов Бакыт", position: "главный налоговый инспектор" } });
    expect(grant.p1).toMatch(/Асанов Бакыт .*главный налоговый инспектор/);
    const extract = await render("journal_extract", { ...journalExtract, events: [{ at: "2026-03-05T08:07:00.000Z", event: "Принято решение о предоставлении доступа", officeName: null, role: "инспектор" }] });
    expect(extract.p1).toContain("05.03.2026 14:07 Принято решение о предоставлении доступа");
  });
});

const TITLE: Record<DocumentKind, (w: PaperWords) => string> = {
  application: (w) => w.application.title,
  decision_grant: (w) => w.decision.title,
  decision_refusal: (w) => w.decision.title,
  annulment_notice: (w) => w.annulment.title,
  journal_extract: (w) => w.journal.title,
  revocation_act: (w) => w.revocation.title,
  lifting_act: (w) => w.revocation.title,
};

/** Every fixed word of one language's table (sentences with arguments aside), for "none of them on the other paper". */
function fixedWords(words: unknown, out: string[] = []): string[] {
  if (typeof words === "string") out.push(words);
  else if (words && typeof words === "object") for (const v of Object.values(words)) fixedWords(v, out);
  return out;
}

describe.skipIf(!hasPoppler)("the paper's languages", () => {
  for (const sample of samples) {
    it(`${sample.name}: Kyrgyz first, then Russian, in the headings; ң, ө, ү drawn from the embedded font`, async () => {
      const { p1, p2 } = await rendered(sample);
      for (const page of [p1, p2]) {
        const ky = page.indexOf(TITLE[sample.kind](WORDS.ky).toUpperCase());
        const ru = page.indexOf(TITLE[sample.kind](WORDS.ru).toUpperCase());
        expect(ky, "Kyrgyz heading").toBeGreaterThan(-1);
        expect(ru, "Russian heading").toBeGreaterThan(ky);
        expect(page.indexOf(WORDS.ky.authority.toUpperCase())).toBeLessThan(page.indexOf(WORDS.ru.authority.toUpperCase()));
        // Fixed text, not only what was typed: «Салык төлөөчүнүн», «багыттаңыз».
        expect(page).toContain("«Салык төлөөчүнүн кабинети» маалыматтык");
        expect(page).toContain(WORDS.ky.verify.instruction);
        for (const letter of ["ң", "ө", "ү"]) expect(page).toContain(letter);
      }
    });
  }

  for (const only of ["ky", "ru"] as const) {
    const other = only === "ky" ? "ru" : "ky";
    it(`a ${only}-only installation prints only ${only === "ky" ? "Kyrgyz" : "Russian"} fixed text, each copy on one page`, async () => {
      const theirs = new Set(fixedWords(WORDS[only]));
      for (const sample of samples) {
        const { file, info } = await render(sample.kind, inLanguages(sample.props, [only]));
        expect(info.Pages, sample.name).toBe("2");
        const typed = JSON.stringify(sample.props);
        // Words of the other language's table that this one does not share and nothing typed contains.
        const foreign = fixedWords(WORDS[other]).filter((w) => w.length >= 5 && !theirs.has(w) && !typed.includes(w));
        for (const page of [1, 2]) {
          const text = pageText(file, page);
          expect(text).toContain(TITLE[sample.kind](WORDS[only]).toUpperCase());
          expect(text).toContain(WORDS[only].authority.toUpperCase());
          expect(foreign.filter((w) => text.includes(w)), sample.name).toEqual([]);
          expect(text).not.toContain(only === "ky" ? "РЕШИЛ" : "ЧЕЧТИ");
          expect(text).not.toContain(" / ");
        }
      }
    });
  }

  // Each typed field at its form's limit, one at a time, on an otherwise ordinary paper.
  for (const variant of oneAtItsLimit()) {
    it(`at its limit, ${variant.name}: each copy still on one A4 page`, async () => {
      const { info } = await render(variant.kind, variant.props);
      expect(info.Pages).toBe("2");
    });
  }

  it("every field of an application at its limit at once runs onto a second sheet per copy, each sheet labelled, nothing lost", async () => {
    const { kind, props } = allAtTheirLimits();
    const { file, info } = await render(kind, props);
    const pages = Number(info.Pages);
    expect(pages % 2).toBe(0);
    let text = "";
    for (let i = 1; i <= pages; i++) {
      const page = pageText(file, i);
      expect(page).toContain(i <= pages / 2 ? COPY_LABEL.ky.subject : COPY_LABEL.ky.office);
      if (i <= pages / 2) text += ` ${page}`;
    }
    const p = props as ApplicationProps;
    for (const typed of [p.subject.name, p.representative!.identityDocument, p.representative!.powerOfAttorney.certifiedBy, p.acceptance!.inspector.fullName]) {
      expect(text.replace(/\s+/g, " ")).toContain(typed);
    }
  });
});

