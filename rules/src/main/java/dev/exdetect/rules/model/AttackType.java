package dev.exdetect.rules.model;

/** The kind of model extraction a rule indicates (the alert's {@code attack_type}). */
public enum AttackType {
    DISTILLATION,
    EQUATION_SOLVING,
    SURROGATE_TRAINING,
    FUNCTIONALITY_STEALING,
    PARAMETER_PROBING,
    COORDINATED,
    UNKNOWN
}
