package dev.voicefarm.gateway.tenants;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method whose upload ends up running as code on the farm's hosts (GPT-SoVITS weights
 * are pickles that GPT-SoVITS unpickles), so only admin keys and {@link TrustedTenants} may call
 * it; others get 403 before their body is read.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TrustedTenantsOnly {
}
