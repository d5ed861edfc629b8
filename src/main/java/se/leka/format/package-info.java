/**
 * Value types and file-format building blocks shared by every room: {@link se.leka.format.Personnummer},
 * {@link se.leka.format.OrgNumber}, the benefit vocabulary used in files ({@link se.leka.format.BenefitFamily},
 * {@link se.leka.format.Benefit}), and (as the job rooms grow) the BeanIO reader/writer adapters for Spring
 * Batch and the file-name conventions. Depends on no other room.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Formats and value types", allowedDependencies = {})
package se.leka.format;
