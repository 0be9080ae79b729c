import type { Prng } from "./random";

/** Kyrgyz and Russian names as they appear in the registry (surname, given name, patronymic). */
const maleGiven = ["Бакыт", "Нурлан", "Азамат", "Эрлан", "Улан", "Тилек", "Мирлан", "Бектур", "Жыргалбек", "Чынгыз", "Айбек", "Канат", "Өмүрбек", "Үсөн", "Темир", "Дмитрий", "Сергей"];
const femaleGiven = ["Айгерим", "Жылдыз", "Гүлнара", "Нуриза", "Айпери", "Бермет", "Чолпон", "Асель", "Айжан", "Мээрим", "Гүлзат", "Өмүркан", "Елена", "Наталья"];
/** Male forms; the female form adds «а» (Асанов -> Асанова, Бейшеналиев -> Бейшеналиева). */
const surnames = ["Асанов", "Мамытов", "Жумабеков", "Токтогулов", "Осмонов", "Сыдыков", "Абдыкадыров", "Исаков", "Бейшеналиев", "Эшматов", "Сатыбалдиев", "Кудайбергенов", "Мураталиев", "Төлөгөнов", "Үсөнбеков", "Иманалиев", "Ниязбеков", "Шаршеев"];
const fatherNames = ["Жумабек", "Токтосун", "Абдыраим", "Мамбет", "Сооронбай", "Кубаныч", "Турдубек", "Эсенгул", "Бообек", "Өмүрзак", "Асылбек"];

export function personName(rng: Prng, female: boolean): string {
  const male = rng.pick(surnames);
  const surname = female ? `${male}а` : male;
  const given = rng.pick(female ? femaleGiven : maleGiven);
  const father = rng.pick(fatherNames);
  const patronymic = female ? `${father} кызы` : `${father}ович`;
  // About a third carry the Kyrgyz patronymic form «уулу» / «кызы», as in real passports.
  if (!female && rng.chance(0.35)) return `${surname} ${given} ${father} уулу`;
  return `${surname} ${given} ${patronymic}`;
}

const companyWords = ["Ала-Тоо", "Ысык-Көл", "Нарын", "Тянь-Шань", "Кыргыз Текстиль", "Ордо", "Манас", "Дордой", "Тоо-Таш", "Sun Agro", "Бишкек Сүт", "Чүй Курулуш", "Эмгек", "Азия Логистик", "Кең-Сай", "Көк-Жар", "Жаңы Заман", "Алтын Түйүн", "Ош Базар"];
const companySuffixes = ["Трейд", "Строй", "Сервис", "Групп", "Агро", "Плюс", "Транс", "Инвест", "Фарм", "Консалтинг"];
const legalForms = ["ОсОО", "ОсОО", "ОсОО", "ОАО", "ЗАО", "ОФ", "ОО"];

export function companyName(rng: Prng): string {
  return `${rng.pick(legalForms)} «${rng.pick(companyWords)} ${rng.pick(companySuffixes)}»`;
}

export function entrepreneurName(rng: Prng, female: boolean): string {
  const full = personName(rng, female).split(" ");
  return `ИП ${full[0]} ${full[1]}`;
}

const foreignMale = ["Ли Вэй", "Чжан Мин", "Иванов Андрей Петрович", "Каримов Шерзод Улугбекович", "Yilmaz Mehmet", "Рахимов Фарход Саидович"];
const foreignFemale = ["Назарбаева Динара Сериковна", "Schmidt Anna", "Ван Лин", "Алиева Мадина Рустамовна"];

export function foreignResidentName(rng: Prng, female: boolean): string {
  return rng.pick(female ? foreignFemale : foreignMale);
}
