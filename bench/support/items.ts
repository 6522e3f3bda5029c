import type { Item } from '../../schemas/observation/items.js';
import type { BenchMeasure } from './measures.js';
import type { Random } from './prng.js';

const pad = (value: number, width: number) => String(value).padStart(width, '0');
const nationalSchemes = ['CN_CUSTOMS', 'EU_CN', 'US_HTS', 'JP_TARIFF', 'KR_HSK'] as const;

function hsItem(random: Random, code: string, label: string): Item {
  const item: Item = { scheme: 'HS', code, hsVersion: random.pick(['HS2017', 'HS2022'] as const), label };
  if (random.chance(0.4)) {
    const count = random.between(1, 2);
    const codes = new Set(Array.from({ length: count }, () => `${code}${pad(random.int(10_000), 4)}`));
    item.nationalCodes = [...codes].map((national) => ({
      scheme: random.pick(nationalSchemes),
      code: national,
    }));
  }
  return item;
}

function codedItem(random: Random, measure: BenchMeasure, hsPool: readonly string[], label: string): Item {
  const roll = random.next();
  // Mostly the measure's own products, sometimes anything: records about one measure share HS codes.
  const code = random.chance(0.8) ? random.pick(measure.hsCodes) : random.pick(hsPool);
  if (roll < 0.75) return hsItem(random, code, label);
  if (roll < 0.87) return { scheme: 'HS_HEADING', code: code.slice(0, 4), hsVersion: 'HS2022', label };
  if (roll < 0.95) {
    const prohibited = random.chance(0.5);
    return {
      scheme: 'CN_TECH_CATALOGUE',
      code: `${pad(random.int(1_000_000), 6)}${prohibited ? 'J' : 'X'}`,
      category: prohibited ? 'prohibited' : 'restricted',
      label,
    };
  }
  return {
    scheme: 'CN_DUAL_USE_CODE',
    code: `${random.between(0, 9)}${random.pick(['A', 'B', 'C', 'D', 'E'])}${pad(random.int(1000), 3)}.a`,
    label,
  };
}

/** 0-4 items; `needsCode` (export_volume_change) guarantees at least one coded item. */
export function generateItems(
  random: Random,
  measure: BenchMeasure,
  hsPool: readonly string[],
  labelOf: () => string,
  needsCode: boolean,
): Item[] {
  const count = random.pick([0, 1, 1, 1, 2, 2, 3, 4]);
  const items: Item[] = [];
  for (let i = 0; i < count; i++) {
    items.push(
      random.chance(0.15)
        ? { scheme: 'FREE_TEXT', label: labelOf() }
        : codedItem(random, measure, hsPool, labelOf()),
    );
  }
  if (needsCode && !items.some((item) => item.scheme !== 'FREE_TEXT')) {
    items.push(hsItem(random, random.pick(measure.hsCodes), labelOf()));
  }
  return items;
}
