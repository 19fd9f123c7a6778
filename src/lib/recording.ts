/**
 * Recording, an operator's opt-in: Tavus records a conversation created with enable_recording into
 * the operator's S3 bucket, reached through an IAM role it may assume (docs.tavus.io, create
 * conversation: recording_s3_bucket_name, recording_s3_bucket_region, aws_assume_role_arn). The
 * same rules for the browser's settings (VITE_TAVUS_RECORDING_*) and the server's secrets
 * (TAVUS_RECORDING_*). Relative imports only: Deno bundles this file too.
 */

/** S3's bucket naming rules: 3 to 63 lowercase letters, digits, dots and hyphens, a letter or digit at each end. */
export const S3_BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** An AWS region such as us-east-1 or eu-central-2. */
export const AWS_REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
/** An IAM role's ARN: arn:aws:iam::<12-digit account>:role/<name>. */
export const ROLE_ARN_PATTERN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]{1,512}$/;

export interface RecordingTarget {
  bucket: string;
  region: string;
  roleArn: string;
}

/** The create body's properties that make Tavus record into the target. */
export function recordingProperties(target: RecordingTarget) {
  return {
    enable_recording: true,
    recording_s3_bucket_name: target.bucket,
    recording_s3_bucket_region: target.region,
    aws_assume_role_arn: target.roleArn,
  } as const;
}
