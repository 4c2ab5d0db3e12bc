import { findGeneticContent, findGeneticField } from './genetic-data.js';

describe('R9: genetic content is recognised wherever it appears', () => {
  it.each([
    ['an STR locus with its alleles', 'D8S1179 13,14', 'str_alleles'],
    ['a locus in a sentence', '鉴定结果：D21S11 29/30.2，请核对', 'str_alleles'],
    ['TH01 with a microvariant', 'TH01: 6, 9.3', 'str_alleles'],
    ['FGA', 'FGA 22 24', 'str_alleles'],
    ['Amelogenin X,Y', 'Amelogenin X,Y', 'str_alleles'],
    ['a profile table without values', 'CSF1PO TPOX vWA', 'str_profile'],
    ['a Y-STR', 'DYS391 10', 'str_alleles'],
    ['a nucleotide sequence', 'ACGTTGCAACGTAGCTAGCTAGGATCCGATCGATCG', 'nucleotide_sequence'],
    ['a FASTA record', '>sample_1 mtDNA\nGATCACAGGTCTATCACCCTATTAACCACTCACGGGAGC', 'fasta'],
    ['a FASTQ record', "@read1\nGATTTGGGGTTCAAAGCAGT\n+\n!''*((((***+))%%%++)(", 'fastq'],
    ['a VCF header', '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT', 'vcf'],
    ['a BAM file as base64', 'QkFNAQAAAAAAAAAA', 'sam_bam'],
    ['a genetic file name', 'family_sample.fastq.gz', 'genetic_file'],
  ])('refuses %s', (_case, text, finding) => {
    expect(findGeneticContent(text)).toBe(finding);
  });

  it.each([
    ['a Chinese narrative', '她记得村口有一棵大榕树，家里有三个姐姐，说西南官话。'],
    ['a police case number', '五公（刑）立字〔2026〕118号'],
    ['an address with numbers', '云南省昆明市五华区红云街道8号3栋'],
    ['an English sentence with "act" and "cat"', 'They act as a cat would, said the caregiver, at 14:30.'],
    ['a resident ID number', '53010220150611022X'],
    ['a date range', '2013-01-01 to 2014-12-31'],
    ['a DNA comparison reference', '云公鉴（DNA）字〔2026〕77号, 结果：比中'],
  ])('lets %s through', (_case, text) => {
    expect(findGeneticContent(text)).toBeUndefined();
  });

  it('names the field, never the content', () => {
    expect(findGeneticField({ leads: [{ text: '老家在山里' }, { text: 'D3S1358 15,16' }] })).toEqual({ field: 'leads[1].text', finding: 'str_alleles' });
    expect(findGeneticField({ note: 'fine' })).toBeUndefined();
  });
});
