package dev.exdetect.rules.model;

import java.io.Serializable;

/**
 * A rate limit for {@link Action#THROTTLE}: at most {@code requests} per {@code perSeconds}.
 *
 * @param requests requests allowed per period, at least 1
 * @param perSeconds period length in seconds, at least 1
 */
public record ThrottleLimit(int requests, int perSeconds) implements Serializable {}
