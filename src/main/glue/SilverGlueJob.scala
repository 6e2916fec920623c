// The script an AWS Glue 4.0 Scala job runs (ScriptLocation, with --class SilverGlueJob). Glue
// compiles a script for every Scala job; this one only hands over to the job jar, which must be
// in --extra-jars with --user-jars-first true. All the logic lives in the jar.
object SilverGlueJob {
  def main(args: Array[String]): Unit = dev.dmssilver.glue.GlueMain.main(args)
}
