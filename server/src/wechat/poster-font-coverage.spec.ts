import { GlobalFonts } from '@napi-rs/canvas';
import { invitationPosterText } from '../referrals/referral-poster';
import { storePosterText } from '../stores/store-poster';
import { fontCoverageOf, uncoveredCharacters } from './font-coverage';
import { drawJoinPoster, JoinPosterText, PROGRAMME_NAME, posterFontFile, registerPosterFont } from './join-poster';

const everything = (t: JoinPosterText) => [t.banner, t.title, t.subtitle, ...t.footer].join('');
/** A 1×1 white PNG stands in for the mini-program code: only the text is under test. */
const blankCode = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC', 'base64');

describe('the poster font covers what the posters draw', () => {
  const coverage = fontCoverageOf(posterFontFile() as string);

  it('reads the shipped font: GB2312 and ASCII, not a rare character', () => {
    expect(coverage.size).toBeGreaterThan(6763);
    expect(uncoveredCharacters('会员店 S001 · ABC xyz 0123456789', coverage)).toEqual([]);
    expect(uncoveredCharacters('𠮷', coverage)).toEqual(['𠮷']);
  });

  // Every fixed word of both posters, with the data around them in every shape it takes (digits, letters, spaces).
  it.each([
    ['the store poster', storePosterText({ name: '静安旗舰店', code: 'S001' }, PROGRAMME_NAME)],
    ['the store poster for another seeded store', storePosterText({ name: '徐汇天钥桥店', code: 'S002' }, PROGRAMME_NAME)],
    ['the store poster, a code with letters', storePosterText({ name: '南京西路店', code: 'SH-NJW-01' }, PROGRAMME_NAME)],
    ['an invitation with a nickname', invitationPosterText('小林', 'AB12CD34')],
    ['an invitation without one', invitationPosterText(null, 'ZZ99XX00')],
  ])('%s', (_name, text) => {
    expect(uncoveredCharacters(everything(text), coverage)).toEqual([]);
  });

  it('store names are data: a name with a character outside the subset still draws, the rest in the shipped font', async () => {
    const name = '𠮷野家（静安店）';
    expect(uncoveredCharacters(name, coverage)).toEqual(['𠮷']);
    expect(registerPosterFont()).toBe(true);
    // The font stack falls back to a system CJK font (fonts-noto-cjk) for what the subset lacks, never failing the poster.
    const png = await drawJoinPoster(blankCode, storePosterText({ name, code: 'S009' }, PROGRAMME_NAME));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(GlobalFonts.families.map((f) => f.family)).toContain('Huiyuan Poster Sans');
  });
});
