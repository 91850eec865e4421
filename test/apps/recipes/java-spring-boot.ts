// Java 21 (Spring Boot 4, Maven): the same JDK >= 21 and Maven 3.9 as java.ts, the same `mvn package`
// and class-file check (App.class is Spring's main class here), and `java -jar target/app.jar`, the
// repackaged executable jar. Spring Boot and its starters come from Maven Central.
import type { AppRecipe } from '../recipe.js';
import { recipe as java } from './java.js';

export const recipe: AppRecipe = { ...java };
