declare module 'lunar-javascript' {
  interface Solar {
    getYear(): number;
    getMonth(): number;
    getDay(): number;
  }
  interface LunarDate {
    getSolar(): Solar;
  }
  export const Lunar: { fromYmd(year: number, month: number, day: number): LunarDate };
}
