import { nameForms, searchForms } from './names.js';

describe('R3: names for search', () => {
  it('derives pinyin, compact pinyin and initials, with surname readings', () => {
    expect(nameForms('李梅')).toEqual({ pinyin: 'li mei', compact: 'limei', initials: 'lm' });
    expect(nameForms('曾小华')).toEqual({ pinyin: 'zeng xiao hua', compact: 'zengxiaohua', initials: 'zxh' });
    expect(nameForms('单雪')).toMatchObject({ pinyin: 'shan xue' });
  });

  it('keeps Latin names of foreign victims searchable', () => {
    expect(nameForms('Nguyen Thi Lan', false)).toEqual({ pinyin: 'nguyen thi lan', compact: 'nguyenthilan', initials: 'ntl' });
  });

  it('reads a search term as characters or as pinyin/initials', () => {
    expect(searchForms('李 梅')).toEqual({ characters: '李梅', compact: 'limei' });
    expect(searchForms('Li Mei')).toEqual({ characters: null, compact: 'limei' });
    expect(searchForms('lm')).toEqual({ characters: null, compact: 'lm' });
  });
});
