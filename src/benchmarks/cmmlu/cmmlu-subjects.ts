import type { ExamCategory } from '../chinese-exam/exam-metrics.ts';

/**
 * CMMLU's categories (haonan-li/CMMLU src/categories.py `categories`); a subject may count in two ("China
 * specific" overlaps the others).
 */
export const cmmluCategories: readonly ExamCategory[] = [
  { metric: 'accuracy_stem', name: 'STEM' },
  { metric: 'accuracy_humanities', name: 'Humanities' },
  { metric: 'accuracy_social_science', name: 'Social Science' },
  { metric: 'accuracy_other', name: 'Other' },
  { metric: 'accuracy_china_specific', name: 'China specific' },
];

type CategoryKey = 'stem' | 'humanities' | 'social_science' | 'other' | 'china_specific';

/**
 * Subject, its Chinese name (`name_en2zh`, used in the prompts) and categories, from haonan-li/CMMLU
 * src/categories.py (`subcategories` mapped through `categories`) at d6e7b716.
 */
const subjects: ReadonlyArray<readonly [string, string, readonly CategoryKey[]]> = [
  ['agronomy', '农学', ['other']],
  ['anatomy', '解剖学', ['stem']],
  ['ancient_chinese', '古汉语', ['social_science', 'china_specific']],
  ['arts', '艺术学', ['humanities']],
  ['astronomy', '天文学', ['stem']],
  ['business_ethics', '商业伦理', ['social_science']],
  ['chinese_civil_service_exam', '中国公务员考试', ['social_science', 'china_specific']],
  ['chinese_driving_rule', '中国驾驶规则', ['other', 'china_specific']],
  ['chinese_food_culture', '中国饮食文化', ['social_science', 'china_specific']],
  ['chinese_foreign_policy', '中国外交政策', ['social_science', 'china_specific']],
  ['chinese_history', '中国历史', ['humanities', 'china_specific']],
  ['chinese_literature', '中国文学', ['humanities', 'china_specific']],
  ['chinese_teacher_qualification', '中国教师资格', ['social_science', 'china_specific']],
  ['clinical_knowledge', '临床知识', ['other']],
  ['college_actuarial_science', '大学精算学', ['stem']],
  ['college_education', '大学教育学', ['social_science']],
  ['college_engineering_hydrology', '大学工程水文学', ['stem']],
  ['college_law', '大学法律', ['humanities']],
  ['college_mathematics', '大学数学', ['stem']],
  ['college_medical_statistics', '大学医学统计', ['stem']],
  ['college_medicine', '大学医学', ['other']],
  ['computer_science', '计算机科学', ['stem']],
  ['computer_security', '计算机安全', ['other']],
  ['conceptual_physics', '概念物理学', ['stem']],
  ['construction_project_management', '建设工程管理', ['other', 'china_specific']],
  ['economics', '经济学', ['social_science']],
  ['education', '教育学', ['social_science']],
  ['electrical_engineering', '电气工程', ['stem']],
  ['elementary_chinese', '小学语文', ['social_science', 'china_specific']],
  ['elementary_commonsense', '小学常识', ['other', 'china_specific']],
  ['elementary_information_and_technology', '小学信息技术', ['other']],
  ['elementary_mathematics', '初等数学', ['stem']],
  ['ethnology', '民族学', ['social_science', 'china_specific']],
  ['food_science', '食品科学', ['other']],
  ['genetics', '遗传学', ['stem']],
  ['global_facts', '全球事实', ['humanities']],
  ['high_school_biology', '高中生物', ['stem']],
  ['high_school_chemistry', '高中化学', ['stem']],
  ['high_school_geography', '高中地理', ['social_science']],
  ['high_school_mathematics', '高中数学', ['stem']],
  ['high_school_physics', '高中物理学', ['stem']],
  ['high_school_politics', '高中政治', ['social_science', 'china_specific']],
  ['human_sexuality', '人类性行为', ['other']],
  ['international_law', '国际法学', ['humanities']],
  ['journalism', '新闻学', ['social_science']],
  ['jurisprudence', '法理学', ['humanities']],
  ['legal_and_moral_basis', '法律与道德基础', ['other']],
  ['logical', '逻辑学', ['humanities']],
  ['machine_learning', '机器学习', ['stem']],
  ['management', '管理学', ['social_science']],
  ['marketing', '市场营销', ['social_science']],
  ['marxist_theory', '马克思主义理论', ['humanities']],
  ['modern_chinese', '现代汉语', ['social_science', 'china_specific']],
  ['nutrition', '营养学', ['other']],
  ['philosophy', '哲学', ['humanities']],
  ['professional_accounting', '专业会计', ['social_science']],
  ['professional_law', '专业法学', ['humanities']],
  ['professional_medicine', '专业医学', ['other']],
  ['professional_psychology', '专业心理学', ['social_science']],
  ['public_relations', '公共关系', ['social_science']],
  ['security_study', '安全研究', ['social_science']],
  ['sociology', '社会学', ['social_science']],
  ['sports_science', '体育学', ['other']],
  ['traditional_chinese_medicine', '中医中药', ['other', 'china_specific']],
  ['virology', '病毒学', ['stem']],
  ['world_history', '世界历史', ['humanities']],
  ['world_religions', '世界宗教', ['humanities']],
];

export interface CmmluSubject {
  readonly chineseName: string;
  /** Item score keys of the categories it counts in, e.g. ['accuracy_social_science', 'accuracy_china_specific']. */
  readonly categoryMetrics: readonly string[];
}

export const cmmluSubjects: ReadonlyMap<string, CmmluSubject> = new Map(
  subjects.map(([subject, chineseName, categories]) => [
    subject,
    { chineseName, categoryMetrics: categories.map((category) => `accuracy_${category}`) },
  ]),
);
