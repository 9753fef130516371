/**
 * The three prompt-split tasks (ids 2, 3, 4) used as shots by the MBPP paper and lm-eval
 * (`lm_eval/tasks/mbpp/utils.py` `list_fewshot_samples`), exactly as in `mbpp.jsonl` (`\r\n` inside code).
 * Kept here so that the prompt does not depend on the copy of the dataset (a test checks they match it).
 */
export const mbppFewShot = [
  {
    taskId: 2,
    text: 'Write a function to find the similar elements from the given two tuple lists.',
    code: 'def similar_elements(test_tup1, test_tup2):\r\n  res = tuple(set(test_tup1) & set(test_tup2))\r\n  return (res) ',
    testList: [
      'assert similar_elements((3, 4, 5, 6),(5, 7, 4, 10)) == (4, 5)',
      'assert similar_elements((1, 2, 3, 4),(5, 4, 3, 7)) == (3, 4)',
      'assert similar_elements((11, 12, 14, 13),(17, 15, 14, 13)) == (13, 14)',
    ],
  },
  {
    taskId: 3,
    text: 'Write a python function to identify non-prime numbers.',
    code: 'import math\r\ndef is_not_prime(n):\r\n    result = False\r\n    for i in range(2,int(math.sqrt(n)) + 1):\r\n        if n % i == 0:\r\n            result = True\r\n    return result',
    testList: [
      'assert is_not_prime(2) == False',
      'assert is_not_prime(10) == True',
      'assert is_not_prime(35) == True',
    ],
  },
  {
    taskId: 4,
    text: 'Write a function to find the largest integers from a given list of numbers using heap queue algorithm.',
    code: 'import heapq as hq\r\ndef heap_queue_largest(nums,n):\r\n  largest_nums = hq.nlargest(n, nums)\r\n  return largest_nums',
    testList: [
      'assert heap_queue_largest( [25, 35, 22, 85, 14, 65, 75, 22, 58],3)==[85, 75, 65] ',
      'assert heap_queue_largest( [25, 35, 22, 85, 14, 65, 75, 22, 58],2)==[85, 75] ',
      'assert heap_queue_largest( [25, 35, 22, 85, 14, 65, 75, 22, 58],5)==[85, 75, 65, 58, 35]',
    ],
  },
] as const;
