import type { ExamCategory } from '../chinese-exam/exam-metrics.ts';

/**
 * C-Eval's four categories (hkust-nlp/ceval subject_mapping.json) and C-Eval Hard, the eight math, physics and
 * chemistry subjects its README lists (section "C-Eval Hard Leaderboard").
 */
export const cevalCategories: readonly ExamCategory[] = [
  { metric: 'accuracy_stem', name: 'STEM' },
  { metric: 'accuracy_social_science', name: 'Social Science' },
  { metric: 'accuracy_humanities', name: 'Humanities' },
  { metric: 'accuracy_other', name: 'Other' },
  { metric: 'accuracy_hard', name: 'Hard' },
];

type CategoryKey = 'stem' | 'humanities' | 'social_science' | 'other' | 'hard';

/** Subject, its Chinese name (used in the prompts) and categories: hkust-nlp/ceval subject_mapping.json at cba65ae9. */
const subjects: ReadonlyArray<readonly [string, string, readonly CategoryKey[]]> = [
  ['accountant', '注册会计师', ['other']],
  ['advanced_mathematics', '高等数学', ['stem', 'hard']],
  ['art_studies', '艺术学', ['humanities']],
  ['basic_medicine', '基础医学', ['other']],
  ['business_administration', '工商管理', ['social_science']],
  ['chinese_language_and_literature', '中国语言文学', ['humanities']],
  ['civil_servant', '公务员', ['other']],
  ['clinical_medicine', '临床医学', ['other']],
  ['college_chemistry', '大学化学', ['stem', 'hard']],
  ['college_economics', '大学经济学', ['social_science']],
  ['college_physics', '大学物理', ['stem', 'hard']],
  ['college_programming', '大学编程', ['stem']],
  ['computer_architecture', '计算机组成', ['stem']],
  ['computer_network', '计算机网络', ['stem']],
  ['discrete_mathematics', '离散数学', ['stem', 'hard']],
  ['education_science', '教育学', ['social_science']],
  ['electrical_engineer', '注册电气工程师', ['stem']],
  ['environmental_impact_assessment_engineer', '环境影响评价工程师', ['other']],
  ['fire_engineer', '注册消防工程师', ['other']],
  ['high_school_biology', '高中生物', ['stem']],
  ['high_school_chemistry', '高中化学', ['stem', 'hard']],
  ['high_school_chinese', '高中语文', ['humanities']],
  ['high_school_geography', '高中地理', ['social_science']],
  ['high_school_history', '高中历史', ['humanities']],
  ['high_school_mathematics', '高中数学', ['stem', 'hard']],
  ['high_school_physics', '高中物理', ['stem', 'hard']],
  ['high_school_politics', '高中政治', ['social_science']],
  ['ideological_and_moral_cultivation', '思想道德修养与法律基础', ['humanities']],
  ['law', '法学', ['humanities']],
  ['legal_professional', '法律职业资格', ['humanities']],
  ['logic', '逻辑学', ['humanities']],
  ['mao_zedong_thought', '毛泽东思想和中国特色社会主义理论体系概论', ['social_science']],
  ['marxism', '马克思主义基本原理', ['social_science']],
  ['metrology_engineer', '注册计量师', ['stem']],
  ['middle_school_biology', '初中生物', ['stem']],
  ['middle_school_chemistry', '初中化学', ['stem']],
  ['middle_school_geography', '初中地理', ['social_science']],
  ['middle_school_history', '初中历史', ['humanities']],
  ['middle_school_mathematics', '初中数学', ['stem']],
  ['middle_school_physics', '初中物理', ['stem']],
  ['middle_school_politics', '初中政治', ['social_science']],
  ['modern_chinese_history', '近代史纲要', ['humanities']],
  ['operating_system', '操作系统', ['stem']],
  ['physician', '医师资格', ['other']],
  ['plant_protection', '植物保护', ['other']],
  ['probability_and_statistics', '概率统计', ['stem', 'hard']],
  ['professional_tour_guide', '导游资格', ['humanities']],
  ['sports_science', '体育学', ['other']],
  ['tax_accountant', '税务师', ['other']],
  ['teacher_qualification', '教师资格', ['social_science']],
  ['urban_and_rural_planner', '注册城乡规划师', ['other']],
  ['veterinary_medicine', '兽医学', ['stem']],
];

export interface CevalSubject {
  readonly chineseName: string;
  /** Item score keys of the categories it counts in, e.g. ['accuracy_stem', 'accuracy_hard']. */
  readonly categoryMetrics: readonly string[];
}

export const cevalSubjects: ReadonlyMap<string, CevalSubject> = new Map(
  subjects.map(([subject, chineseName, categories]) => [
    subject,
    { chineseName, categoryMetrics: categories.map((category) => `accuracy_${category}`) },
  ]),
);
