// The reuse-style error several suites feed to the extension (pasted, printed in a terminal),
// in one place so they stay alike: transformers asking for Accelerate when device_map is set.

export const ACCELERATE_ERROR = 'ImportError: Using `low_cpu_mem_usage=True` or a `device_map` requires Accelerate: `pip install accelerate`';

/** The user's script the traceback points at: its line 3 raises. */
export const ACCELERATE_SCRIPT = 'from transformers import AutoModelForCausalLM\n\nmodel = AutoModelForCausalLM.from_pretrained("Qwen/Qwen1.5-7B-Chat", device_map="auto")\n';

/** The traceback as Python prints it, with `userFile` as the script's path. */
export function accelerateTraceback(userFile: string): string {
  return [
    'Traceback (most recent call last):',
    `  File "${userFile}", line 3, in <module>`,
    '    model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen1.5-7B-Chat", device_map="auto")',
    '  File "/opt/conda/lib/python3.10/site-packages/transformers/models/auto/auto_factory.py", line 566, in from_pretrained',
    '    return model_class.from_pretrained(',
    '  File "/opt/conda/lib/python3.10/site-packages/transformers/modeling_utils.py", line 2998, in from_pretrained',
    '    raise ImportError(',
    ACCELERATE_ERROR,
  ].join('\n');
}
