export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  // Allows to automatically instantiate createClient with right options
  // instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)
  __InternalSupabase: {
    PostgrestVersion: "13.0.5"
  }
  public: {
    Tables: {
      personas: {
        Row: {
          context: string | null
          created_at: string
          default_replica_id: string | null
          document_ids: string[]
          guardrail_ids: string[]
          guardrail_tags: string[]
          guardrails_id: string | null
          id: string
          layers: Json
          objectives_id: string | null
          owner_id: string
          persona_name: string
          pipeline_mode: string
          sync_error: string | null
          sync_status: string
          system_prompt: string | null
          tavus_persona_id: string | null
          updated_at: string
        }
        Insert: {
          context?: string | null
          created_at?: string
          default_replica_id?: string | null
          document_ids?: string[]
          guardrail_ids?: string[]
          guardrail_tags?: string[]
          guardrails_id?: string | null
          id?: string
          layers?: Json
          objectives_id?: string | null
          owner_id: string
          persona_name: string
          pipeline_mode?: string
          sync_error?: string | null
          sync_status?: string
          system_prompt?: string | null
          tavus_persona_id?: string | null
          updated_at?: string
        }
        Update: {
          context?: string | null
          created_at?: string
          default_replica_id?: string | null
          document_ids?: string[]
          guardrail_ids?: string[]
          guardrail_tags?: string[]
          guardrails_id?: string | null
          id?: string
          layers?: Json
          objectives_id?: string | null
          owner_id?: string
          persona_name?: string
          pipeline_mode?: string
          sync_error?: string | null
          sync_status?: string
          system_prompt?: string | null
          tavus_persona_id?: string | null
          updated_at?: string
        }
        Relationships: []
      }
      plans: {
        Row: {
          group_sessions: boolean
          id: string
          max_session_seconds: number
          monthly_minutes: number
          name: string
          solo_sessions_per_day: number | null
        }
        Insert: {
          group_sessions?: boolean
          id: string
          max_session_seconds: number
          monthly_minutes: number
          name: string
          solo_sessions_per_day?: number | null
        }
        Update: {
          group_sessions?: boolean
          id?: string
          max_session_seconds?: number
          monthly_minutes?: number
          name?: string
          solo_sessions_per_day?: number | null
        }
        Relationships: []
      }
      session_invites: {
        Row: {
          code: string
          created_at: string
          expires_at: string
          host_id: string
          host_name: string
          id: string
          partner_id: string | null
          partner_name: string | null
          redeemed_at: string | null
          session_id: string
          token: string
        }
        Insert: {
          code: string
          created_at?: string
          expires_at: string
          host_id: string
          host_name: string
          id?: string
          partner_id?: string | null
          partner_name?: string | null
          redeemed_at?: string | null
          session_id: string
          token: string
        }
        Update: {
          code?: string
          created_at?: string
          expires_at?: string
          host_id?: string
          host_name?: string
          id?: string
          partner_id?: string | null
          partner_name?: string | null
          redeemed_at?: string | null
          session_id?: string
          token?: string
        }
        Relationships: [
          {
            foreignKeyName: "session_invites_session_id_fkey"
            columns: ["session_id"]
            isOneToOne: false
            referencedRelation: "my_session_history"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "session_invites_session_id_fkey"
            columns: ["session_id"]
            isOneToOne: false
            referencedRelation: "sessions"
            referencedColumns: ["id"]
          },
        ]
      }
      sessions: {
        Row: {
          conversation_name: string
          conversation_url: string | null
          created_at: string
          end_reason: string | null
          ended_at: string | null
          error: string | null
          id: string
          joined_at: string | null
          max_call_duration: number
          perception_analysis: Json | null
          persona_id: string
          recording: Json | null
          replica_id: string | null
          seconds_used: number
          session_type: string
          shutdown_reason: string | null
          started_at: string | null
          status: string
          tavus_conversation_id: string | null
          transcript: Json | null
          user_id: string
        }
        Insert: {
          conversation_name: string
          conversation_url?: string | null
          created_at?: string
          end_reason?: string | null
          ended_at?: string | null
          error?: string | null
          id?: string
          joined_at?: string | null
          max_call_duration: number
          perception_analysis?: Json | null
          persona_id: string
          recording?: Json | null
          replica_id?: string | null
          seconds_used?: number
          session_type: string
          shutdown_reason?: string | null
          started_at?: string | null
          status?: string
          tavus_conversation_id?: string | null
          transcript?: Json | null
          user_id: string
        }
        Update: {
          conversation_name?: string
          conversation_url?: string | null
          created_at?: string
          end_reason?: string | null
          ended_at?: string | null
          error?: string | null
          id?: string
          joined_at?: string | null
          max_call_duration?: number
          perception_analysis?: Json | null
          persona_id?: string
          recording?: Json | null
          replica_id?: string | null
          seconds_used?: number
          session_type?: string
          shutdown_reason?: string | null
          started_at?: string | null
          status?: string
          tavus_conversation_id?: string | null
          transcript?: Json | null
          user_id?: string
        }
        Relationships: []
      }
      tavus_usage: {
        Row: {
          created_at: string
          id: string
          persona_id: string | null
          seconds_used: number
          session_id: string
          usage_date: string
          user_id: string
        }
        Insert: {
          created_at?: string
          id?: string
          persona_id?: string | null
          seconds_used: number
          session_id: string
          usage_date?: string
          user_id: string
        }
        Update: {
          created_at?: string
          id?: string
          persona_id?: string | null
          seconds_used?: number
          session_id?: string
          usage_date?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "tavus_usage_session_id_fkey"
            columns: ["session_id"]
            isOneToOne: true
            referencedRelation: "my_session_history"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tavus_usage_session_id_fkey"
            columns: ["session_id"]
            isOneToOne: true
            referencedRelation: "sessions"
            referencedColumns: ["id"]
          },
        ]
      }
      user_settings: {
        Row: {
          language: string
          memory_enabled: boolean
          memory_generation: number
          updated_at: string
          user_id: string
        }
        Insert: {
          language?: string
          memory_enabled?: boolean
          memory_generation?: number
          updated_at?: string
          user_id: string
        }
        Update: {
          language?: string
          memory_enabled?: boolean
          memory_generation?: number
          updated_at?: string
          user_id?: string
        }
        Relationships: []
      }
      user_subscriptions: {
        Row: {
          created_at: string
          period_end: string
          period_start: string
          plan_id: string
          status: string
          tavus_minutes_limit: number
          tavus_seconds_used: number
          updated_at: string
          user_id: string
        }
        Insert: {
          created_at?: string
          period_end: string
          period_start: string
          plan_id?: string
          status?: string
          tavus_minutes_limit: number
          tavus_seconds_used?: number
          updated_at?: string
          user_id: string
        }
        Update: {
          created_at?: string
          period_end?: string
          period_start?: string
          plan_id?: string
          status?: string
          tavus_minutes_limit?: number
          tavus_seconds_used?: number
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "user_subscriptions_plan_id_fkey"
            columns: ["plan_id"]
            isOneToOne: false
            referencedRelation: "plans"
            referencedColumns: ["id"]
          },
        ]
      }
    }
    Views: {
      my_session_history: {
        Row: {
          created_at: string | null
          duration_seconds: number | null
          end_reason: string | null
          ended_at: string | null
          error: string | null
          has_perception_analysis: boolean | null
          has_recording: boolean | null
          has_transcript: boolean | null
          id: string | null
          max_call_duration: number | null
          persona_id: string | null
          persona_name: string | null
          replica_id: string | null
          seconds_used: number | null
          session_type: string | null
          shutdown_reason: string | null
          started_at: string | null
          status: string | null
        }
        Relationships: []
      }
      my_usage: {
        Row: {
          group_sessions: boolean | null
          max_session_seconds: number | null
          period_end: string | null
          period_start: string | null
          plan_id: string | null
          plan_name: string | null
          seconds_left: number | null
          solo_sessions_per_day: number | null
          solo_sessions_today: number | null
          status: string | null
          tavus_minutes_limit: number | null
          tavus_seconds_used: number | null
          user_id: string | null
        }
        Relationships: [
          {
            foreignKeyName: "user_subscriptions_plan_id_fkey"
            columns: ["plan_id"]
            isOneToOne: false
            referencedRelation: "plans"
            referencedColumns: ["id"]
          },
        ]
      }
      my_usage_breakdown: {
        Row: {
          dimension: string | null
          key: string | null
          persona_name: string | null
          seconds_used: number | null
          sessions_ended: number | null
          sessions_failed: number | null
        }
        Relationships: []
      }
      my_usage_days: {
        Row: {
          seconds_used: number | null
          sessions: number | null
          usage_date: string | null
        }
        Relationships: []
      }
    }
    Functions: {
      attach_conversation: {
        Args: {
          p_conversation_id: string
          p_conversation_url: string
          p_meeting_token?: string
          p_session_id: string
        }
        Returns: {
          conversation_name: string
          conversation_url: string | null
          created_at: string
          end_reason: string | null
          ended_at: string | null
          error: string | null
          id: string
          joined_at: string | null
          max_call_duration: number
          perception_analysis: Json | null
          persona_id: string
          recording: Json | null
          replica_id: string | null
          seconds_used: number
          session_type: string
          shutdown_reason: string | null
          started_at: string | null
          status: string
          tavus_conversation_id: string | null
          transcript: Json | null
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      create_invite: {
        Args: { p_host_name?: string; p_session_id: string }
        Returns: Json
      }
      delete_persona: {
        Args: { p_persona_id: string }
        Returns: {
          context: string | null
          created_at: string
          default_replica_id: string | null
          document_ids: string[]
          guardrail_ids: string[]
          guardrail_tags: string[]
          guardrails_id: string | null
          id: string
          layers: Json
          objectives_id: string | null
          owner_id: string
          persona_name: string
          pipeline_mode: string
          sync_error: string | null
          sync_status: string
          system_prompt: string | null
          tavus_persona_id: string | null
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "personas"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      end_joined_session: {
        Args: { p_reason?: string; p_session_id: string }
        Returns: Json
      }
      end_session: {
        Args: { p_reason?: string; p_session_id: string }
        Returns: {
          conversation_name: string
          conversation_url: string | null
          created_at: string
          end_reason: string | null
          ended_at: string | null
          error: string | null
          id: string
          joined_at: string | null
          max_call_duration: number
          perception_analysis: Json | null
          persona_id: string
          recording: Json | null
          replica_id: string | null
          seconds_used: number
          session_type: string
          shutdown_reason: string | null
          started_at: string | null
          status: string
          tavus_conversation_id: string | null
          transcript: Json | null
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      expire_stale_sessions: { Args: never; Returns: number }
      fail_session: {
        Args: { p_error: string; p_session_id: string }
        Returns: {
          conversation_name: string
          conversation_url: string | null
          created_at: string
          end_reason: string | null
          ended_at: string | null
          error: string | null
          id: string
          joined_at: string | null
          max_call_duration: number
          perception_analysis: Json | null
          persona_id: string
          recording: Json | null
          replica_id: string | null
          seconds_used: number
          session_type: string
          shutdown_reason: string | null
          started_at: string | null
          status: string
          tavus_conversation_id: string | null
          transcript: Json | null
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      joined_session: { Args: { p_session_id: string }; Returns: Json }
      link_persona: {
        Args: { p_fields: Json; p_tavus_persona_id: string }
        Returns: {
          context: string | null
          created_at: string
          default_replica_id: string | null
          document_ids: string[]
          guardrail_ids: string[]
          guardrail_tags: string[]
          guardrails_id: string | null
          id: string
          layers: Json
          objectives_id: string | null
          owner_id: string
          persona_name: string
          pipeline_mode: string
          sync_error: string | null
          sync_status: string
          system_prompt: string | null
          tavus_persona_id: string | null
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "personas"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      mark_persona_failed: {
        Args: { p_error: string; p_persona_id: string }
        Returns: {
          context: string | null
          created_at: string
          default_replica_id: string | null
          document_ids: string[]
          guardrail_ids: string[]
          guardrail_tags: string[]
          guardrails_id: string | null
          id: string
          layers: Json
          objectives_id: string | null
          owner_id: string
          persona_name: string
          pipeline_mode: string
          sync_error: string | null
          sync_status: string
          system_prompt: string | null
          tavus_persona_id: string | null
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "personas"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      mark_persona_synced: {
        Args: { p_persona_id: string; p_tavus_persona_id: string }
        Returns: {
          context: string | null
          created_at: string
          default_replica_id: string | null
          document_ids: string[]
          guardrail_ids: string[]
          guardrail_tags: string[]
          guardrails_id: string | null
          id: string
          layers: Json
          objectives_id: string | null
          owner_id: string
          persona_name: string
          pipeline_mode: string
          sync_error: string | null
          sync_status: string
          system_prompt: string | null
          tavus_persona_id: string | null
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "personas"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      my_joined_sessions: { Args: { p_limit?: number }; Returns: Json }
      my_settings: {
        Args: never
        Returns: {
          language: string
          memory_enabled: boolean
          memory_generation: number
          updated_at: string
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "user_settings"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      preview_invite: { Args: { p_invite: string }; Returns: Json }
      record_tavus_event: {
        Args: { p_conversation_id: string; p_event: Json }
        Returns: {
          conversation_name: string
          conversation_url: string | null
          created_at: string
          end_reason: string | null
          ended_at: string | null
          error: string | null
          id: string
          joined_at: string | null
          max_call_duration: number
          perception_analysis: Json | null
          persona_id: string
          recording: Json | null
          replica_id: string | null
          seconds_used: number
          session_type: string
          shutdown_reason: string | null
          started_at: string | null
          status: string
          tavus_conversation_id: string | null
          transcript: Json | null
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      redeem_invite: {
        Args: { p_invite: string; p_partner_name: string }
        Returns: Json
      }
      save_persona: {
        Args: { p_fields: Json; p_persona_id: string }
        Returns: {
          context: string | null
          created_at: string
          default_replica_id: string | null
          document_ids: string[]
          guardrail_ids: string[]
          guardrail_tags: string[]
          guardrails_id: string | null
          id: string
          layers: Json
          objectives_id: string | null
          owner_id: string
          persona_name: string
          pipeline_mode: string
          sync_error: string | null
          sync_status: string
          system_prompt: string | null
          tavus_persona_id: string | null
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "personas"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      server_attach_conversation: {
        Args: {
          p_conversation_id: string
          p_conversation_url: string
          p_meeting_token?: string
          p_session_id: string
          p_user_id: string
        }
        Returns: {
          conversation_name: string
          conversation_url: string | null
          created_at: string
          end_reason: string | null
          ended_at: string | null
          error: string | null
          id: string
          joined_at: string | null
          max_call_duration: number
          perception_analysis: Json | null
          persona_id: string
          recording: Json | null
          replica_id: string | null
          seconds_used: number
          session_type: string
          shutdown_reason: string | null
          started_at: string | null
          status: string
          tavus_conversation_id: string | null
          transcript: Json | null
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      server_call_ended: {
        Args: { p_ended_at: string; p_session_id: string; p_source: string }
        Returns: {
          conversation_name: string
          conversation_url: string | null
          created_at: string
          end_reason: string | null
          ended_at: string | null
          error: string | null
          id: string
          joined_at: string | null
          max_call_duration: number
          perception_analysis: Json | null
          persona_id: string
          recording: Json | null
          replica_id: string | null
          seconds_used: number
          session_type: string
          shutdown_reason: string | null
          started_at: string | null
          status: string
          tavus_conversation_id: string | null
          transcript: Json | null
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      server_calls_to_check: {
        Args: { p_limit: number; p_user_id: string }
        Returns: Json
      }
      server_create_invite: {
        Args: { p_host_name: string; p_session_id: string; p_user_id: string }
        Returns: Json
      }
      server_end_joined_session: {
        Args: { p_reason: string; p_session_id: string; p_user_id: string }
        Returns: Json
      }
      server_end_session: {
        Args: { p_reason: string; p_session_id: string; p_user_id: string }
        Returns: {
          conversation_name: string
          conversation_url: string | null
          created_at: string
          end_reason: string | null
          ended_at: string | null
          error: string | null
          id: string
          joined_at: string | null
          max_call_duration: number
          perception_analysis: Json | null
          persona_id: string
          recording: Json | null
          replica_id: string | null
          seconds_used: number
          session_type: string
          shutdown_reason: string | null
          started_at: string | null
          status: string
          tavus_conversation_id: string | null
          transcript: Json | null
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      server_fail_session: {
        Args: { p_error: string; p_session_id: string; p_user_id: string }
        Returns: {
          conversation_name: string
          conversation_url: string | null
          created_at: string
          end_reason: string | null
          ended_at: string | null
          error: string | null
          id: string
          joined_at: string | null
          max_call_duration: number
          perception_analysis: Json | null
          persona_id: string
          recording: Json | null
          replica_id: string | null
          seconds_used: number
          session_type: string
          shutdown_reason: string | null
          started_at: string | null
          status: string
          tavus_conversation_id: string | null
          transcript: Json | null
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      server_redeem_invite: {
        Args: { p_invite: string; p_partner_name: string; p_user_id: string }
        Returns: Json
      }
      server_session_settings: {
        Args: { p_user_id: string }
        Returns: {
          language: string
          memory_enabled: boolean
          memory_generation: number
          updated_at: string
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "user_settings"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      server_start_session: {
        Args: {
          p_persona_id: string
          p_replica_id: string
          p_session_type: string
          p_user_id: string
        }
        Returns: {
          conversation_name: string
          conversation_url: string | null
          created_at: string
          end_reason: string | null
          ended_at: string | null
          error: string | null
          id: string
          joined_at: string | null
          max_call_duration: number
          perception_analysis: Json | null
          persona_id: string
          recording: Json | null
          replica_id: string | null
          seconds_used: number
          session_type: string
          shutdown_reason: string | null
          started_at: string | null
          status: string
          tavus_conversation_id: string | null
          transcript: Json | null
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      session_room: { Args: { p_session_id: string }; Returns: Json }
      set_memory: {
        Args: { p_enabled: boolean }
        Returns: {
          language: string
          memory_enabled: boolean
          memory_generation: number
          updated_at: string
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "user_settings"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      set_session_language: {
        Args: { p_language: string }
        Returns: {
          language: string
          memory_enabled: boolean
          memory_generation: number
          updated_at: string
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "user_settings"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      start_session: {
        Args: {
          p_persona_id: string
          p_replica_id?: string
          p_session_type: string
        }
        Returns: {
          conversation_name: string
          conversation_url: string | null
          created_at: string
          end_reason: string | null
          ended_at: string | null
          error: string | null
          id: string
          joined_at: string | null
          max_call_duration: number
          perception_analysis: Json | null
          persona_id: string
          recording: Json | null
          replica_id: string | null
          seconds_used: number
          session_type: string
          shutdown_reason: string | null
          started_at: string | null
          status: string
          tavus_conversation_id: string | null
          transcript: Json | null
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
    }
    Enums: {
      [_ in never]: never
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    keyof DefaultSchema["Tables"] | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    keyof DefaultSchema["Tables"] | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    keyof DefaultSchema["Enums"] | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {},
  },
} as const

