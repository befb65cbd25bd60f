import { describe, expect, it } from 'vitest';
import { pulsedSeconds } from './pulses';

describe('pulsedSeconds', () => {
  it.each<[string, number, number, Array<[number, number]>]>([
    [
      '60/60',
      60,
      60,
      [
        [0, 0],
        [1, 60],
        [59, 60],
        [60, 60],
        [61, 120],
        [120, 120],
        [121, 180],
      ],
    ],
    [
      '60/1',
      60,
      1,
      [
        [0, 0],
        [1, 60],
        [60, 60],
        [61, 61],
        [90, 90],
        [121, 121],
      ],
    ],
    [
      '30/6',
      30,
      6,
      [
        [0, 0],
        [1, 30],
        [12, 30],
        [30, 30],
        [31, 36],
        [36, 36],
        [37, 42],
        [39, 42],
        [42, 42],
        [43, 48],
        [90, 90],
        [91, 96],
      ],
    ],
    [
      '1/1',
      1,
      1,
      [
        [0, 0],
        [1, 1],
        [59, 59],
        [61, 61],
      ],
    ],
    [
      '30/60',
      30,
      60,
      [
        [29, 30],
        [31, 90],
        [90, 90],
        [91, 150],
      ],
    ],
  ])('%s', (_, first, next, table) => {
    for (const [seconds, billed] of table)
      expect([seconds, pulsedSeconds(seconds, first, next)]).toEqual([seconds, billed]);
  });
});
