import { REFLECT_ON_MAX_LENGTH, reflectOnProblem } from '@/lib/rules';
import { PLAIN_GREETING, sessionFields, sessionOptionsProblem } from '@/lib/sessions/options';
import { TAVUS_LANGUAGES } from '@/lib/tavus/languages';
import { conversationCreateSchema } from '@/lib/tavus/resources/conversations.schema';

describe('what the user wants to reflect on', () => {
  it('may be empty, or up to 500 characters counted as people count them (an emoji is one)', () => {
    expect(reflectOnProblem('')).toBeNull();
    expect(reflectOnProblem('   ')).toBeNull();
    expect(reflectOnProblem('🌿'.repeat(REFLECT_ON_MAX_LENGTH))).toBeNull();
    expect(reflectOnProblem(`  ${'a'.repeat(REFLECT_ON_MAX_LENGTH)}  `)).toBeNull();
    expect(reflectOnProblem('a'.repeat(REFLECT_ON_MAX_LENGTH + 1))).toBe(
      'What you want to reflect on is 501 characters long; keep it to 500.',
    );
  });

  it('is refused with a control character inside (line break, tab, escape, NUL)', () => {
    for (const bad of ['a\nb', 'a\tb', 'a\u001bb', 'a\u0000b', 'a\u007fb']) expect(reflectOnProblem(bad)).toMatch(/control character/);
    expect(reflectOnProblem('café, naïve, 日本語, “quotes”')).toBeNull();
  });
});

describe('the session options in the create body', () => {
  it('quote the topic in the context and the greeting, and pass the language', () => {
    const fields = sessionFields('reflect_alone', { reflectOn: '  my new job ', language: 'french' });
    expect(fields.body.conversational_context).toMatch(
      /^This is a one-to-one reflection session\..* They said they would like to reflect on: "my new job"\.$/,
    );
    expect(fields.body.custom_greeting).toBe(
      'Welcome. You would like to reflect on "my new job". Let us take a slow breath together; where would you like to begin?',
    );
    expect(fields.properties).toEqual({ language: 'french' });
    // what Tavus's schema accepts
    expect(conversationCreateSchema.safeParse({ persona_id: 'p1', ...fields.body, properties: fields.properties }).success).toBe(true);
  });

  it('without a topic: the type alone, the plain greeting, english', () => {
    const fields = sessionFields('resolve_together');
    expect(fields.body.conversational_context).toContain('meant for two people');
    expect(fields.body.custom_greeting).toBe(PLAIN_GREETING);
    expect(fields.properties.language).toBe('english');
  });

  it('for two: three participants, and nothing that opens the private room every start asks for', () => {
    const fields = sessionFields('resolve_together', {}, null, undefined, { hostName: 'Ada' });
    expect(fields.body.max_participants).toBe(3);
    // the start sequence sends require_auth: true before these fields, which must not override it
    expect(Object.keys(fields.body).sort()).toEqual(['conversational_context', 'custom_greeting', 'max_participants']);
  });

  it('are refused for an unknown language, accepted for every listed one and multilingual', () => {
    expect(sessionOptionsProblem({ language: 'esperanto' as never })).toMatch(/not a language Tavus/);
    expect(sessionOptionsProblem({ language: 'English' as never })).toMatch(/not a language Tavus/);
    for (const language of [...TAVUS_LANGUAGES, 'multilingual' as const]) expect(sessionOptionsProblem({ language })).toBeNull();
    expect(TAVUS_LANGUAGES).toHaveLength(42); // the count the language-support page gives
  });
});

describe('recording in the create body', () => {
  const target = { bucket: 'reflections-recordings', region: 'eu-west-1', roleArn: 'arn:aws:iam::123456789012:role/tavus-recordings' };

  it("needs both the operator's bucket and the user's yes", () => {
    expect(sessionFields('reflect_alone', { record: true }, null, target).properties).toEqual({
      language: 'english',
      enable_recording: true,
      recording_s3_bucket_name: 'reflections-recordings',
      recording_s3_bucket_region: 'eu-west-1',
      aws_assume_role_arn: 'arn:aws:iam::123456789012:role/tavus-recordings',
    });
    expect(sessionFields('reflect_alone', { record: false }, null, target).properties).toEqual({ language: 'english' });
    expect(sessionFields('reflect_alone', {}, null, target).properties).toEqual({ language: 'english' });
    expect(sessionFields('reflect_alone', { record: true }, null, undefined).properties).toEqual({ language: 'english' });
  });
});
