/**
 * R9: only public security collects and compares DNA; huijia stores no genetic
 * data at all. This recognises genetic content in text: STR loci with their
 * allele values (D8S1179 13,14 · TH01 6,9.3 · Amelogenin X,Y), several loci
 * named together (a profile table), nucleotide sequences, and the formats
 * that carry them (FASTA, FASTQ, VCF, SAM/BAM). It says what it found, never
 * the content.
 */

const LOCUS = String.raw`(?:D\d{1,2}S\d{2,4}|CSF1PO|TH0?1|TPOX|vWA|FGA|SE33|Penta\s?[DE]|DYS\d{2,4}[a-z]?|DXS\d{3,5}|GATA\w{3,8}|Amelogenin|AMEL)`;
const ALLELE = String.raw`(?:\d{1,2}(?:\.\d)?|[XY])`;
/** A locus followed, within a few characters, by one or two allele values. */
const LOCUS_WITH_ALLELES = new RegExp(String.raw`(?<![A-Za-z0-9])${LOCUS}(?![A-Za-z0-9])\s*(?:[:：=]|基因座|位点)?\s*[\(（]?\s*${ALLELE}(?:\s*[,，/;、\s]\s*${ALLELE})?`, 'i');
const ANY_LOCUS = new RegExp(String.raw`(?<![A-Za-z0-9])${LOCUS}(?![A-Za-z0-9])`, 'gi');
const AMELOGENIN = /amelogenin|牙釉质蛋白基因/i;
/** 24 or more nucleotides in a row (a sentence does not do that). */
const SEQUENCE = /[ACGTUN]{24,}/i;
const FASTA = /(^|\n)>[^\n]*\n\s*[ACGTUNRYKMSWBDHV\-*]{10,}/i;
const FASTQ = /(^|\n)@[^\n]+\n[ACGTN]{10,}\n\+[^\n]*\n\S{10,}/i;
const VCF = /##fileformat=VCF|#CHROM\s+POS\s+ID\s+REF\s+ALT/i;
const SAM = /(^|\n)@(HD|SQ)\tVN?:|(^|\n)@SQ\tSN:/;
/** "BAM\1" and gzip-compressed BAM/VCF (BGZF "BC" extra field), as base64 in a JSON string. */
const BAM_BASE64 = /QkFNAQ|H4sIBAAAAAAA\/wYAQkMCAA/;
const GENETIC_FILE_NAME = /\.(fasta|fa|fna|ffn|faa|fastq|fq|vcf|bcf|bam|sam|cram|gvcf|ab1|fsa|hid|str)(\.gz)?$/i;

export type GeneticFinding = 'str_alleles' | 'str_profile' | 'nucleotide_sequence' | 'fasta' | 'fastq' | 'vcf' | 'sam_bam' | 'genetic_file';

export function findGeneticContent(text: string): GeneticFinding | undefined {
  if (FASTA.test(text)) return 'fasta';
  if (FASTQ.test(text)) return 'fastq';
  if (VCF.test(text)) return 'vcf';
  if (SAM.test(text) || BAM_BASE64.test(text)) return 'sam_bam';
  if (GENETIC_FILE_NAME.test(text.trim())) return 'genetic_file';
  if (LOCUS_WITH_ALLELES.test(text) || AMELOGENIN.test(text)) return 'str_alleles';
  const loci = new Set((text.match(ANY_LOCUS) ?? []).map((locus) => locus.toUpperCase()));
  if (loci.size >= 2) return 'str_profile';
  if (SEQUENCE.test(text.replace(/\s+/g, (space) => (space.includes('\n') ? '' : space)))) return 'nucleotide_sequence';
  return undefined;
}

/** The first field of a JSON value that carries genetic content, as a path (`leads[2].text`), with what was found. */
export function findGeneticField(value: unknown, path = ''): { field: string; finding: GeneticFinding } | undefined {
  if (typeof value === 'string') {
    const finding = findGeneticContent(value);
    return finding ? { field: path || '(body)', finding } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findGeneticField(item, `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyFinding = findGeneticContent(key);
      if (keyFinding) return { field: path ? `${path}.(key)` : '(key)', finding: keyFinding };
      const found = findGeneticField(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}
